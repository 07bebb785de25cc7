using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Streams.Platform.Kafka;

namespace Streams.Collectors.Publishing.Backoff;

/// <summary>
/// The collector roles' <see cref="IBackpressure"/>: a <see cref="ProcessorLagGate"/> checked every
/// few seconds while the process runs, which tells this process's metric publishers to hold new
/// records in their spools while the processor lags over the bound (see <see cref="BackoffOptions"/>).
/// A process without Kafka (an integration's receiver under test with an in-memory sink) never holds back.
/// </summary>
public sealed class ProcessorLagBackoff(IOptions<BackoffOptions> options, IServiceProvider services, ILogger<ProcessorLagBackoff> logger)
    : BackgroundService, IBackpressure
{
    private volatile ProcessorLagGate? _gate;

    public bool HoldBack => _gate is { HoldBack: true };

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        // Resolved here, not injected: the Kafka endpoint exists only once the platform has started.
        if (!settings.Enabled || services.GetService(typeof(IKafkaEndpoint)) is not IKafkaEndpoint kafka)
        {
            return;
        }

        using var gate = new ProcessorLagGate(settings, kafka.BootstrapServers, logger);
        _gate = gate;
        try
        {
            await gate.RunAsync(stoppingToken).ConfigureAwait(false);
        }
        finally
        {
            _gate = null;
        }
    }
}
