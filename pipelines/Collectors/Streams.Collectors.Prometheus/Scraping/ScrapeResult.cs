namespace Streams.Collectors.Prometheus.Scraping;

/// <summary>One scrape: samples published from the page, how long it took, and why it failed if it did.</summary>
internal readonly record struct ScrapeResult(int Samples, TimeSpan Duration, string? Error);
