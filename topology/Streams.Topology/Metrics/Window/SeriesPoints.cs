using io.streams.avro;

namespace Streams.Topology.Metrics.Window;

/// <summary>The samples of one series in one window, keyed by event time so a redelivery is not counted twice.</summary>
internal sealed class SeriesPoints(string metric, string unit)
{
    // Nearest-rank percentile of SeriesStats.p95.
    private const double Percentile = 0.95;

    public string Metric { get; } = metric;

    public string Unit { get; private set; } = unit;

    public Dictionary<long, (double Value, PointKind Kind)> Points { get; } = [];

    /// <summary>Points that arrived after the window's end (by the host's clock), within the grace period.</summary>
    public int LateSamples { get; set; }

    /// <summary>Adds a point; false when the series already has one at that time. A measured value replaces a fill or gap marker at the same time.</summary>
    public bool Add(long timestamp, double value, PointKind kind, string unit, bool late)
    {
        if (Points.TryGetValue(timestamp, out var existing) && (existing.Kind == PointKind.Measured || kind != PointKind.Measured))
        {
            return false;
        }

        Points[timestamp] = (value, kind);
        Unit = unit;
        LateSamples += late ? 1 : 0;
        return true;
    }

    public SeriesStats ToStats(string series)
    {
        var measured = Points.Where(p => p.Value.Kind == PointKind.Measured).OrderBy(p => p.Key).Select(p => p.Value.Value).ToArray();
        var stats = new SeriesStats
        {
            series = series,
            metric = Metric,
            unit = Unit,
            count = measured.Length,
            forwardFilled = Points.Values.Count(p => p.Kind == PointKind.ForwardFilled),
            gaps = Points.Values.Count(p => p.Kind == PointKind.Gap),
        };
        if (measured.Length == 0)
        {
            // No measurement: the statistics are undefined, never zero.
            stats.min = stats.max = stats.mean = stats.stddev = stats.last = stats.p95 = double.NaN;
            return stats;
        }

        var mean = measured.Average();
        stats.mean = mean;
        stats.min = measured.Min();
        stats.max = measured.Max();
        stats.stddev = Math.Sqrt(measured.Sum(v => (v - mean) * (v - mean)) / measured.Length);
        stats.last = measured[^1];
        var sorted = measured.Order().ToArray();
        stats.p95 = sorted[(int)Math.Ceiling(Percentile * sorted.Length) - 1];
        return stats;
    }
}
