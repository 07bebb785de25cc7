using io.streams.avro;
using Streams.Schemas.Metrics;

namespace Streams.Sinks.ClickHouse.Rows;

/// <summary>metrics_raw from metrics.clean's batches: one row per point, exactly the row its MetricSample would make.</summary>
internal sealed class MetricBatchRows : IRowMapper<MetricBatch>
{
    private readonly MetricSampleRows samples = new();

    public string Table => samples.Table;

    public IReadOnlyList<string> Columns => samples.Columns;

    public void AddRows(MetricBatch record, List<object[]> rows)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(rows);
        foreach (var sample in MetricBatches.ToSamples(record))
        {
            samples.AddRows(sample, rows);
        }
    }
}
