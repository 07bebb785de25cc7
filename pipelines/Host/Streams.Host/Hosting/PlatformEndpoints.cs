using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Streams.Platform.Kafka;

namespace Streams.Host.Hosting;

/// <summary>
/// What the embedded platform offers stages in other <c>streams</c> processes. The embedded
/// broker has no CreateTopics API, so a processor started with <c>streams run</c> creates its
/// changelog and repartition topics here (see <see cref="RemoteTopicCreator"/>). Mapped only
/// where the embedded broker runs; the host requires an admin API key.
/// </summary>
internal static class PlatformEndpoints
{
    public static IEndpointConventionBuilder MapPlatformEndpoints(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost(RemoteTopicCreator.Path, (TopicRequest request, IKafkaEndpoint kafka) =>
        {
            if (kafka.TopicCreator is not { } topics || !kafka.IsEmbedded)
            {
                return Results.Problem("This process does not run the embedded Kafka broker; create topics on the cluster itself.", statusCode: StatusCodes.Status409Conflict);
            }

            if (request.Validate() is { } problem)
            {
                return Results.Problem(problem, statusCode: StatusCodes.Status400BadRequest);
            }

            topics.CreateTopic(request.Name, request.Partitions);
            return Results.Ok(request);
        });
}
