using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Streams.Collectors.Publishing;
using Streams.Collectors.Publishing.Inbound;
using Streams.Collectors.Prometheus.Scraping;
using Streams.Platform.Security;

namespace Streams.Collectors.Prometheus;

/// <summary>
/// The <c>prometheus</c> role: sends what the remote-write receiver and the scrapes publish, and
/// scrapes the configured targets every interval. On stop it finishes the round in progress and flushes.
/// </summary>
internal sealed partial class PrometheusService(
    IOptions<PrometheusOptions> options, IServiceProvider services, ILogger<PrometheusService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Resolved here, not injected: the sink's Kafka and registry endpoints exist only once the platform has started.
        var sink = services.GetRequiredKeyedService<IInboundSink>(PrometheusServiceCollectionExtensions.SinkKey);
        // Made at start, so the generated secret's file exists before Prometheus is pointed at it.
        services.GetRequiredKeyedService<BearerSecret>(PrometheusServiceCollectionExtensions.SinkKey);
        var settings = options.Value;
        settings.Validate();
        using var handler = new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.All, PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
        using var http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        var loop = new ScrapeLoop(settings, new TargetDiscovery(settings), new Scraper(settings, http, sink, logger), logger);
        LogStarted(logger, settings.StaticTargets.Sum(g => g.Targets.Count), settings.FileSdPaths.Count, settings.ScrapeIntervalSeconds);
        await Sending.WhileAsync(
            sink as ISender,
            token => settings.StaticTargets.Count > 0 || settings.FileSdPaths.Count > 0 ? loop.RunAsync(token) : Task.Delay(Timeout.Infinite, token),
            stoppingToken).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Prometheus integration started: {Static} static targets, {Files} file_sd files, every {Seconds} s")]
    private static partial void LogStarted(ILogger logger, int @static, int files, int seconds);
}
