using io.streams.avro;
using Streams.Collectors.Agent.Sampling;

namespace Streams.Collectors.Agent.Benchmarks;

/// <summary>Counts samples and drops them, so the in-process pass measures sampling alone.</summary>
internal sealed class DiscardingWriter : IMetricWriter
{
    public long Count { get; private set; }

    public void Write(MetricBatch batch) => Count += batch.points.Count;
}
