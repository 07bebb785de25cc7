using io.streams.avro;

namespace Streams.Sinks.ClickHouse.Rows;

/// <summary>metric_windows: one row per series of a window, so analysts filter and aggregate by series without arrays.</summary>
internal sealed class MetricWindowRows : IRowMapper<MetricWindow>
{
    public string Table => "metric_windows";

    public IReadOnlyList<string> Columns { get; } =
    [
        "window_start", "window_end", "window_size_ms", "host", "series", "metric", "unit", "count", "min", "max", "mean", "stddev", "last",
        "p95", "forward_filled", "gaps", "late_samples", "emitted_at",
    ];

    public void AddRows(MetricWindow record, List<object[]> rows)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(rows);
        var start = ColumnValues.Time(record.window.start, "window.start");
        var end = ColumnValues.Time(record.window.end, "window.end");
        var size = ColumnValues.Unsigned(record.windowSizeMs, "windowSizeMs");
        var late = ColumnValues.Unsigned(record.lateSamples, "lateSamples");
        var emitted = ColumnValues.Time(record.emittedAt, "emittedAt");
        foreach (var s in record.series ?? [])
        {
            rows.Add(
            [
                start, end, size, record.host, s.series, s.metric, s.unit ?? string.Empty, ColumnValues.Unsigned(s.count, "count"),
                s.min, s.max, s.mean, s.stddev, s.last, s.p95, ColumnValues.Unsigned(s.forwardFilled, "forwardFilled"),
                ColumnValues.Unsigned(s.gaps, "gaps"), late, emitted,
            ]);
        }
    }
}
