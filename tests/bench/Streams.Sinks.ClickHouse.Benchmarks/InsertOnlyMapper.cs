using io.streams.avro;
using Streams.Sinks.ClickHouse.Rows;

namespace Streams.Sinks.ClickHouse.Benchmarks;

/// <summary>metrics_raw's columns into a copy without the rollup views, to time the insert alone.</summary>
internal sealed class InsertOnlyMapper(IRowMapper<MetricSample> inner) : IRowMapper<MetricSample>
{
    public string Table => "metrics_insert_only";

    public IReadOnlyList<string> Columns => inner.Columns;

    public void AddRows(MetricSample record, List<object[]> rows) => inner.AddRows(record, rows);
}
