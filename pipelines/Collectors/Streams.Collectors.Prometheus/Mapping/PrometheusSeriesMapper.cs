using io.streams.avro;

namespace Streams.Collectors.Prometheus.Mapping;

/// <summary>
/// Turns a Prometheus series into a <see cref="MetricSample"/> by the mapping rules: host from the
/// first host label present (port stripped), metric from <c>__name__</c> with the prefix, every
/// other label kept as a tag unless dropped.
/// </summary>
internal sealed class PrometheusSeriesMapper(PrometheusMappingOptions options)
{
    public const string NameLabel = "__name__";

    // Whole ticks: a double of milliseconds rounds up past DateTime.MaxValue.
    private static readonly long MinTimestampMs = (DateTime.MinValue.Ticks - DateTime.UnixEpoch.Ticks) / TimeSpan.TicksPerMillisecond;
    private static readonly long MaxTimestampMs = (DateTime.MaxValue.Ticks - DateTime.UnixEpoch.Ticks) / TimeSpan.TicksPerMillisecond;

    private readonly HashSet<string> _dropped = new(options.DropLabels, StringComparer.Ordinal);

    /// <summary>The sample, or null with <paramref name="error"/> saying why the series cannot be attributed.</summary>
    /// <param name="extraLabels">Target labels (instance, job, service discovery's), which override a series label of the same name.</param>
    public MetricSample? Map(
        string? name, IReadOnlyList<KeyValuePair<string, string>> labels, IReadOnlyList<KeyValuePair<string, string>>? extraLabels,
        double value, long timestampMs, MetricKind kind, int intervalMs, out string? error)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var tags = new Dictionary<string, string>(labels.Count + (extraLabels?.Count ?? 0), StringComparer.Ordinal);
        foreach (var (key, labelValue) in labels)
        {
            if (key == NameLabel)
            {
                name ??= labelValue;
            }
            else if (labelValue.Length > 0)
            {
                // An empty label value is the same as no label in Prometheus' data model.
                tags[key] = labelValue;
            }
        }

        if (extraLabels is not null)
        {
            // Target labels win over the page's, as with Prometheus' default honor_labels: false.
            foreach (var (key, labelValue) in extraLabels)
            {
                tags[key] = labelValue;
            }
        }

        if (string.IsNullOrEmpty(name))
        {
            error = "the series has no __name__";
            return null;
        }

        if (timestampMs < MinTimestampMs || timestampMs > MaxTimestampMs)
        {
            // A page or remote-write sample can carry any int64; DateTime ends at year 9999.
            error = $"series '{name}' has timestamp {timestampMs} ms, outside the years 1 to 9999";
            return null;
        }

        var host = HostOf(tags);
        if (host is null)
        {
            error = $"series '{name}' has none of the host labels ({string.Join(", ", options.HostLabels)}) and no Prometheus:Mapping:DefaultHost is set";
            return null;
        }

        foreach (var dropped in _dropped)
        {
            tags.Remove(dropped);
        }

        error = null;
        return new MetricSample
        {
            host = host,
            metric = options.MetricPrefix + name,
            value = value,
            kind = kind,
            timestamp = DateTime.UnixEpoch.AddMilliseconds(timestampMs),
            tags = tags,
            source = MetricSource.PROMETHEUS,
            intervalMs = intervalMs,
        };
    }

    private string? HostOf(Dictionary<string, string> tags)
    {
        foreach (var label in options.HostLabels)
        {
            if (tags.Remove(label, out var value) && value.Length > 0)
            {
                return options.StripPort ? StripPort(value) : value;
            }
        }

        return options.DefaultHost.Length > 0 ? options.DefaultHost : null;
    }

    /// <summary><c>host:port</c>, <c>[v6]:port</c> and URL forms become the bare host; a bare IPv6 address is kept.</summary>
    internal static string StripPort(string instance)
    {
        var value = instance;
        var scheme = value.IndexOf("://", StringComparison.Ordinal);
        if (scheme >= 0)
        {
            value = value[(scheme + 3)..];
            var slash = value.IndexOf('/', StringComparison.Ordinal);
            value = slash >= 0 ? value[..slash] : value;
        }

        if (value.StartsWith('['))
        {
            var close = value.IndexOf(']', StringComparison.Ordinal);
            return close > 0 ? value[1..close] : value;
        }

        var colon = value.LastIndexOf(':');
        return colon > 0 && value.IndexOf(':', StringComparison.Ordinal) == colon ? value[..colon] : value;
    }
}
