using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Streams.Api.Contracts;
using Streams.Platform.Kafka.Status;

namespace Streams.Api.Endpoints;

internal static class PipelineEndpoints
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/pipeline/lag", Lag).WithTags("pipeline").Produces<PipelineLagView>()
            .WithSummary("How far each stage is behind")
            .WithDescription("Per consumer group and topic (the processor on metrics.raw, the scorer on metrics.windows, …): records written and not yet processed, summed over partitions and the most in one partition, and seconds since the oldest of them was written, as read every 5 s. The same figures are the gauges streams_consumer_lag and streams_consumer_lag_seconds on /metrics.");

    private static IResult Lag(IServiceProvider services) =>
        Results.Ok(services.GetService(typeof(ConsumerLagMonitor)) is ConsumerLagMonitor { Current: { Count: > 0 } lags }
            ? new PipelineLagView(true, [.. lags.Select(l => new ConsumerLagView(l.Group, l.Topic, l.Records, l.MaxPartitionRecords, Math.Round(l.Seconds, 1)))])
            : new PipelineLagView(false, []));
}
