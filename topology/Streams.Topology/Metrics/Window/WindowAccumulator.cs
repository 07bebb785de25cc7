using io.streams.avro;

namespace Streams.Topology.Metrics.Window;

/// <summary>One host's series in one window, gathered when the window closes.</summary>
internal sealed class WindowAccumulator(string host, long start)
{
    public string Host { get; } = host;

    public long Start { get; } = start;

    public SortedDictionary<string, SeriesPoints> Series { get; } = new(StringComparer.Ordinal);

    /// <param name="sizeMs">Window size.</param>
    /// <param name="layout">The host's feature order: every series it ever reported, in order of first appearance.</param>
    /// <param name="emittedAt">Wall-clock time of emission, UTC milliseconds.</param>
    public MetricWindow ToMetricWindow(long sizeMs, IReadOnlyList<string> layout, long emittedAt)
    {
        var stats = Series.Select(s => s.Value.ToStats(s.Key)).ToList();
        var byId = stats.ToDictionary(s => s.series, StringComparer.Ordinal);
        var features = new List<double>(layout.Count);
        var present = new List<bool>(layout.Count);
        foreach (var id in layout)
        {
            var has = byId.TryGetValue(id, out var s) && s.count > 0;
            present.Add(has);
            features.Add(has ? s!.mean : 0);
        }

        return new MetricWindow
        {
            host = Host,
            window = new TimeWindow { start = EpochMs.ToDateTime(Start), end = EpochMs.ToDateTime(Start + sizeMs) },
            windowSizeMs = sizeMs,
            series = stats,
            featureNames = [.. layout],
            features = features,
            present = present,
            lateSamples = Series.Values.Sum(s => s.LateSamples),
            emittedAt = EpochMs.ToDateTime(emittedAt),
        };
    }
}
