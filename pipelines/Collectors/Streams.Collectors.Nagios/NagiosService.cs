using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Streams.Collectors.Nagios.Nrdp;
using Streams.Collectors.Publishing;
using Streams.Collectors.Publishing.Inbound;

namespace Streams.Collectors.Nagios;

/// <summary>The <c>nagios</c> role: sends what the NRDP endpoint publishes (samples to <c>metrics.raw</c>, state changes to <c>logs.raw</c>); flushes on stop.</summary>
internal sealed class NagiosService(IOptions<NagiosOptions> options, IServiceProvider services) : BackgroundService
{
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        // At start, not at the first request: the token file is made (and named in the log) before the port opens.
        services.GetRequiredService<NrdpReceiver>();
        return base.StartAsync(cancellationToken);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Resolved here, not injected: the sink's Kafka and registry endpoints exist only once the platform has started.
        var sink = services.GetRequiredKeyedService<IInboundSink>(NagiosServiceCollectionExtensions.SinkKey);
        options.Value.Validate();
        return Sending.UntilStoppedAsync(sink as ISender, stoppingToken);
    }
}
