using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Streams.Collectors.Prometheus.Inbound;

namespace Streams.Collectors.Nagios;

/// <summary>The <c>nagios</c> role: sends what the NRDP endpoint publishes (samples to <c>metrics.raw</c>, state changes to <c>logs.raw</c>); flushes on stop.</summary>
internal sealed class NagiosService(IOptions<NagiosOptions> options, [FromKeyedServices(NagiosServiceCollectionExtensions.SinkKey)] IInboundSink sink) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        options.Value.Validate();
        return sink.RunAsync(stoppingToken);
    }
}
