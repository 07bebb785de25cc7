namespace Streams.Collectors.Prometheus.Scraping;

/// <summary>
/// A group of targets sharing labels, as in Prometheus' <c>static_configs</c> and file_sd files:
/// each target is <c>host:port</c> (scraped at <see cref="PrometheusOptions.MetricsPath"/>) or a full URL.
/// </summary>
public sealed class StaticTargetGroup
{
    public List<string> Targets { get; set; } = [];

    public Dictionary<string, string> Labels { get; set; } = [];
}
