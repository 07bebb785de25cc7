using System.Buffers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Streams.Collectors.Publishing.Inbound;
using Streams.Collectors.Prometheus.RemoteWrite;
using Streams.Platform.Security;

namespace Streams.Collectors.Prometheus;

public static class PrometheusEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps the remote-write receiver (Prometheus remote-write 1.0: POST, <c>Content-Encoding: snappy</c>,
    /// <c>application/x-protobuf</c>) at <paramref name="pattern"/>. Answers 204 when the samples are
    /// spooled, 400 with the reason for a body that does not decode (spec: 4xx is not retried), 413
    /// beyond <c>Prometheus:MaxRemoteWriteBytes</c>, 415 for the 2.0 message, 401 without the shared
    /// secret (<c>Prometheus:RemoteWriteToken</c>): samples become series that rules alert on. Needs <c>AddPrometheus</c>.
    /// </summary>
    public static IEndpointConventionBuilder MapPrometheusRemoteWrite(this IEndpointRouteBuilder endpoints, string pattern = "/api/v1/write")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        return endpoints.MapPost(pattern, HandleAsync);
    }

    private static async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var services = context.RequestServices;
        var options = services.GetRequiredService<IOptions<PrometheusOptions>>().Value;
        var receiver = services.GetRequiredService<RemoteWriteReceiver>();
        if (!services.GetRequiredKeyedService<BearerSecret>(PrometheusServiceCollectionExtensions.SinkKey).Accepts(request))
        {
            await Reply(context, StatusCodes.Status401Unauthorized,
                "the remote-write secret is required: set remote_write's authorization.credentials (Bearer) to Prometheus:RemoteWriteToken or the file Prometheus:RemoteWriteTokenFile").ConfigureAwait(false);
            return;
        }

        if (request.ContentType is { } type && type.Contains("io.prometheus.write.v2.Request", StringComparison.Ordinal))
        {
            // Remote-write 2.0 section "Protocol": a receiver that does not take the message answers 415 so the sender falls back to 1.0.
            await Reply(context, StatusCodes.Status415UnsupportedMediaType, "only remote-write 1.0 (prometheus.WriteRequest) is accepted").ConfigureAwait(false);
            return;
        }

        if (request.Headers.ContentEncoding is { Count: > 0 } encoding && !string.Equals(encoding.ToString(), "snappy", StringComparison.OrdinalIgnoreCase))
        {
            await Reply(context, StatusCodes.Status415UnsupportedMediaType, $"Content-Encoding '{encoding}' is not snappy").ConfigureAwait(false);
            return;
        }

        if (request.ContentLength > options.MaxRemoteWriteBytes)
        {
            await TooLarge(context, services).ConfigureAwait(false);
            return;
        }

        var buffer = ArrayPool<byte>.Shared.Rent((int)(request.ContentLength ?? 64 * 1024));
        try
        {
            var length = 0;
            int read;
            while ((read = await request.Body.ReadAsync(buffer.AsMemory(length), context.RequestAborted).ConfigureAwait(false)) > 0)
            {
                length += read;
                if (length == buffer.Length)
                {
                    if (length >= options.MaxRemoteWriteBytes)
                    {
                        await TooLarge(context, services).ConfigureAwait(false);
                        return;
                    }

                    var larger = ArrayPool<byte>.Shared.Rent(Math.Min(length * 2, options.MaxRemoteWriteBytes));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }
            }

            var outcome = receiver.Receive(buffer, length);
            if (outcome.Error is not null)
            {
                await Reply(context, StatusCodes.Status400BadRequest, outcome.Error).ConfigureAwait(false);
                return;
            }

            context.Response.StatusCode = StatusCodes.Status204NoContent;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static Task TooLarge(HttpContext context, IServiceProvider services)
    {
        var limit = services.GetRequiredService<IOptions<PrometheusOptions>>().Value.MaxRemoteWriteBytes;
        var detail = $"the request is larger than Prometheus:MaxRemoteWriteBytes ({limit})";
        services.GetRequiredKeyedService<IInboundSink>(PrometheusServiceCollectionExtensions.SinkKey)
            .DeadLetter(new InboundDeadLetter(RemoteWriteReceiver.Source, RemoteWriteReceiver.Stage, InboundRejectReason.TooLarge, detail, []));
        return Reply(context, StatusCodes.Status413PayloadTooLarge, detail);
    }

    private static Task Reply(HttpContext context, int status, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync(message + "\n", context.RequestAborted);
    }
}
