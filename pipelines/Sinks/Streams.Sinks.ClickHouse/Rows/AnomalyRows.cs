using io.streams.avro;

namespace Streams.Sinks.ClickHouse.Rows;

/// <summary>anomalies: one row per anomaly, contributions as parallel arrays.</summary>
internal sealed class AnomalyRows : IRowMapper<Anomaly>
{
    public string Table => "anomalies";

    public IReadOnlyList<string> Columns { get; } =
    [
        "id", "host", "series", "window_start", "window_end", "score", "threshold", "severity", "model", "model_version",
        "contribution_series", "contribution_share", "contribution_value", "contribution_expected", "consecutive_windows", "tags", "detected_at",
    ];

    public void AddRows(Anomaly record, List<object[]> rows)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(rows);
        var contributions = record.contributions ?? [];
        rows.Add(
        [
            record.id, record.host, ColumnValues.Nullable(record.series), ColumnValues.Time(record.window.start, "window.start"),
            ColumnValues.Time(record.window.end, "window.end"), record.score, record.threshold, record.severity.ToString(), record.model,
            record.modelVersion ?? string.Empty, contributions.Select(c => c.series).ToArray(), contributions.Select(c => c.share).ToArray(),
            contributions.Select(c => c.value).ToArray(), contributions.Select(c => c.expected).ToArray(),
            ColumnValues.Unsigned(record.consecutiveWindows, "consecutiveWindows"), ColumnValues.Map(record.tags),
            ColumnValues.Time(record.detectedAt, "detectedAt"),
        ]);
    }
}
