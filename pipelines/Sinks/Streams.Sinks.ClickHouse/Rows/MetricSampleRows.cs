using io.streams.avro;

namespace Streams.Sinks.ClickHouse.Rows;

/// <summary>metrics_raw: one row per sample; names, units and tags shared between rows (<see cref="ValueCache"/>).</summary>
internal sealed class MetricSampleRows : IRowMapper<MetricSample>
{
    public string Table => "metrics_raw";

    public IReadOnlyList<string> Columns { get; } =
        ["ts", "host", "metric", "value", "raw_value", "unit", "kind", "tags", "source", "interval_ms", "gap", "forward_filled", "normalised"];

    private readonly ValueCache cache = new();

    public void AddRows(MetricSample record, List<object[]> rows)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(rows);
        var host = cache.Intern(record.host);
        rows.Add(
        [
            ColumnValues.Time(record.timestamp, "timestamp"), host, cache.Intern(record.metric), record.value, ColumnValues.Nullable(record.rawValue),
            cache.Intern(record.unit ?? string.Empty), record.kind.ToString(), cache.Share(host, ColumnValues.Map(record.tags)), record.source.ToString(),
            ColumnValues.Unsigned(record.intervalMs, "intervalMs"), ValueCache.Box(record.gap), ValueCache.Box(record.forwardFilled),
            ValueCache.Box(record.normalised),
        ]);
    }
}
