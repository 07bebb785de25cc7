using Streams.Collectors.Prometheus.Mapping;
using Streams.Collectors.Prometheus.Scraping;
using Streams.Collectors.Publishing;
using Streams.Platform.Security;

namespace Streams.Collectors.Prometheus;

/// <summary>The Prometheus integration's settings, section <c>Prometheus</c>: scraping, remote write and the label mapping.</summary>
public sealed class PrometheusOptions
{
    public const string SectionName = "Prometheus";

    /// <summary>How labels become host, metric and tags; shared by scraping and remote write.</summary>
    public PrometheusMappingOptions Mapping { get; set; } = new();

    /// <summary>Targets scraped every <see cref="ScrapeIntervalSeconds"/>, Prometheus <c>static_configs</c> style.</summary>
    public List<StaticTargetGroup> StaticTargets { get; set; } = [];

    /// <summary>Prometheus <c>file_sd_configs</c> files (JSON or YAML lists of target groups), re-read every <see cref="FileSdRefreshSeconds"/>.</summary>
    public List<string> FileSdPaths { get; set; } = [];

    public int FileSdRefreshSeconds { get; set; } = 60;

    public int ScrapeIntervalSeconds { get; set; } = 15;

    public int ScrapeTimeoutSeconds { get; set; } = 10;

    /// <summary>Path scraped on a target given as <c>host:port</c>; a target given as a URL keeps its own.</summary>
    public string MetricsPath { get; set; } = "/metrics";

    /// <summary>Scrapes in flight at once; beyond it targets wait their turn within the interval.</summary>
    public int MaxConcurrentScrapes { get; set; } = 64;

    /// <summary>A page larger than this is refused (dead letter) rather than held in memory.</summary>
    public int MaxScrapeBytes { get; set; } = 32 << 20;

    /// <summary>Largest remote-write body accepted, compressed and decompressed (Prometheus sends batches of ~500 samples, a few tens of KB).</summary>
    public int MaxRemoteWriteBytes { get; set; } = 16 << 20;

    /// <summary>The shared secret of the remote-write receiver, sent as <c>Authorization: Bearer</c> (Prometheus' <c>authorization.credentials</c>); unset: the one in <see cref="RemoteWriteTokenFile"/>, generated at the first start.</summary>
    public string? RemoteWriteToken { get; set; }

    /// <summary>Where the generated remote-write secret is kept (0600); by default <c>prometheus/remote-write.token</c> in the data directory.</summary>
    public string? RemoteWriteTokenFile { get; set; }

    public PublishingOptions Publishing { get; set; } = new() { SpoolPath = StreamsDataDirectory.DefaultPath("Prometheus:Publishing:SpoolPath") };

    internal void Validate()
    {
        if (ScrapeIntervalSeconds < 1 || ScrapeTimeoutSeconds < 1 || ScrapeTimeoutSeconds > ScrapeIntervalSeconds)
        {
            throw new InvalidOperationException("Prometheus:ScrapeIntervalSeconds must be at least 1 and Prometheus:ScrapeTimeoutSeconds 1 to the interval.");
        }

        if (MaxConcurrentScrapes < 1 || MaxScrapeBytes < 1024 || MaxRemoteWriteBytes < 1024 || FileSdRefreshSeconds < 1)
        {
            throw new InvalidOperationException("Prometheus:MaxConcurrentScrapes, FileSdRefreshSeconds must be positive and the byte limits at least 1024.");
        }

        if (StaticTargets.Any(g => g.Targets.Count == 0 || g.Targets.Any(string.IsNullOrWhiteSpace)))
        {
            throw new InvalidOperationException("Every Prometheus:StaticTargets entry needs Targets, none empty.");
        }

        Mapping.Validate();
    }
}
