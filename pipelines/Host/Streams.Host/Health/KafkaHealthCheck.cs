using Confluent.Kafka;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Streams.Platform.Kafka;

namespace Streams.Host.Health;

/// <summary>Ready when the cluster answers a metadata request and reports at least one broker.</summary>
internal sealed class KafkaHealthCheck(IKafkaEndpoint kafka) : IHealthCheck, IDisposable
{
    private readonly Lazy<IAdminClient> _admin = new(() =>
        new AdminClientBuilder(new AdminClientConfig { BootstrapServers = kafka.BootstrapServers, SocketTimeoutMs = 3000 }).Build());

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var metadata = _admin.Value.GetMetadata(TimeSpan.FromSeconds(3));
            return Task.FromResult(HealthCheckResult.Healthy($"{metadata.Brokers.Count} broker(s) at {kafka.BootstrapServers}, {metadata.Topics.Count} topics"));
        }
        catch (KafkaException ex)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy($"Kafka at {kafka.BootstrapServers} did not answer: {ex.Error.Reason}"));
        }
        catch (InvalidOperationException ex)
        {
            // The embedded broker has not started yet.
            return Task.FromResult(HealthCheckResult.Unhealthy(ex.Message));
        }
    }

    public void Dispose()
    {
        if (_admin.IsValueCreated)
        {
            _admin.Value.Dispose();
        }
    }
}
