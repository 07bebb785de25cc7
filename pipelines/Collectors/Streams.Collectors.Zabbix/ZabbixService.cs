using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Streams.Collectors.Publishing;
using Streams.Collectors.Publishing.Inbound;
using Streams.Collectors.Zabbix.MediaType;
using Streams.Collectors.Zabbix.Trapper;

namespace Streams.Collectors.Zabbix;

/// <summary>The <c>zabbix</c> role: the trapper listener, and the sending of what it publishes. On stop it answers the connections in progress, then flushes.</summary>
internal sealed partial class ZabbixService(
    IOptions<ZabbixOptions> options, IServiceProvider services, ILogger<ZabbixService> logger)
    : BackgroundService
{
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        // At start, not at the first event: the secret's file is made (and named in the log) before the port opens.
        services.GetRequiredService<ZabbixWebhookSecret>();
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Resolved here, not injected: the sink's Kafka and registry endpoints exist only once the platform has started.
        var sink = services.GetRequiredKeyedService<IInboundSink>(ZabbixServiceCollectionExtensions.SinkKey);
        var settings = options.Value;
        settings.Validate();
        using var listener = new ZabbixTrapperListener(settings, sink, logger);
        listener.Start();
        LogListening(logger, listener.LocalEndpoint);
        await Sending.WhileAsync(sink as ISender, listener.RunAsync, stoppingToken).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Zabbix trapper listening on {Endpoint}")]
    private static partial void LogListening(ILogger logger, System.Net.IPEndPoint endpoint);
}
