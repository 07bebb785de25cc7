using io.streams.avro;

namespace Streams.Sinks.ClickHouse.Rows;

/// <summary>metrics_raw: one row per sample.</summary>
internal sealed class MetricSampleRows : IRowMapper<MetricSample>
{
    public string Table => "metrics_raw";

    public IReadOnlyList<string> Columns { get; } =
        ["ts", "host", "metric", "value", "raw_value", "unit", "kind", "tags", "source", "interval_ms", "gap", "forward_filled", "normalised"];

    public void AddRows(MetricSample record, List<object[]> rows)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(rows);
        rows.Add(
        [
            ColumnValues.Time(record.timestamp, "timestamp"), record.host, record.metric, record.value, ColumnValues.Nullable(record.rawValue),
            record.unit ?? string.Empty, record.kind.ToString(), ColumnValues.Map(record.tags), record.source.ToString(),
            ColumnValues.Unsigned(record.intervalMs, "intervalMs"), record.gap, record.forwardFilled, record.normalised,
        ]);
    }
}
