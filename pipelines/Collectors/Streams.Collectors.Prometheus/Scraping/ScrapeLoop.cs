using Microsoft.Extensions.Logging;

namespace Streams.Collectors.Prometheus.Scraping;

/// <summary>
/// Every scrape interval, re-discovers the targets (file_sd files at their refresh interval) and
/// scrapes them all, at most <see cref="PrometheusOptions.MaxConcurrentScrapes"/> at a time.
/// </summary>
internal sealed partial class ScrapeLoop(PrometheusOptions options, TargetDiscovery discovery, Scraper scraper, ILogger logger)
{
    private IReadOnlyList<ScrapeTarget> _targets = [];
    private DateTime _discoveredAt = DateTime.MinValue;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.ScrapeIntervalSeconds));
        do
        {
            await ScrapeAllAsync(cancellationToken).ConfigureAwait(false);
        }
        while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false));
    }

    /// <summary>One round over every target; returns the samples published.</summary>
    public async Task<long> ScrapeAllAsync(CancellationToken cancellationToken)
    {
        if (DateTime.UtcNow - _discoveredAt >= TimeSpan.FromSeconds(options.FileSdRefreshSeconds))
        {
            _targets = discovery.Discover();
            _discoveredAt = DateTime.UtcNow;
            foreach (var (path, error) in discovery.Failures)
            {
                LogDiscoveryFailed(logger, path, error);
            }
        }

        long samples = 0;
        await Parallel.ForEachAsync(
            _targets,
            new ParallelOptions { MaxDegreeOfParallelism = options.MaxConcurrentScrapes, CancellationToken = cancellationToken },
            async (target, token) => Interlocked.Add(ref samples, (await scraper.ScrapeAsync(target, token).ConfigureAwait(false)).Samples)).ConfigureAwait(false);
        return samples;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Prometheus service discovery: {Path}: {Error}; its last good targets are kept")]
    private static partial void LogDiscoveryFailed(ILogger logger, string path, string error);
}
