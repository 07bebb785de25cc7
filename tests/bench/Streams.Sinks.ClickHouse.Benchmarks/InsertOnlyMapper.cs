using io.streams.avro;
using Streams.Sinks.ClickHouse.Rows;

namespace Streams.Sinks.ClickHouse.Benchmarks;

/// <summary>metrics_raw's columns into another table (by default a copy without the rollup views), to time the insert alone.</summary>
internal sealed class InsertOnlyMapper(IRowMapper<MetricSample> inner, string table = "metrics_insert_only") : IRowMapper<MetricSample>
{
    public string Table => table;

    public IReadOnlyList<string> Columns => inner.Columns;

    public void AddRows(MetricSample record, List<object[]> rows) => inner.AddRows(record, rows);
}
