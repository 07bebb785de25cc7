using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Streamiz.Kafka.Net;
using Streams.Platform.Kafka.Streamiz;

namespace Streams.Host.Health;

/// <summary>
/// The Streamiz applications of the roles this process runs: unhealthy while one is in ERROR (its
/// role restarts it with a backoff), so a probe or <c>streams status</c> sees a stage that
/// processes nothing although every endpoint answers.
/// </summary>
internal sealed class StreamsHealthCheck(IEnumerable<IHostedService> services) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var streams = services.OfType<StreamizService>().Select(s => s.StreamState).OfType<StreamStatus>().ToList();
        var states = string.Join(", ", streams.Select(s => $"{s.ApplicationId} {s.State}"));
        var failed = streams.Where(s => s.State == KafkaStream.State.ERROR).ToList();
        return Task.FromResult(failed.Count == 0
            ? HealthCheckResult.Healthy(streams.Count == 0 ? "no stream started yet" : states)
            : HealthCheckResult.Unhealthy($"{string.Join(", ", failed.Select(f => f.ApplicationId))} failed at {failed.Min(f => f.Since):u} and is restarted with a backoff; {states}"));
    }
}
