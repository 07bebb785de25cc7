using io.streams.avro;
using Streams.Collectors.Simulator.Labels;
using Streams.Collectors.Simulator.Publishing;

namespace Streams.Collectors.Simulator.Benchmarks;

/// <summary>A sink that only counts, so the generator and runner are measured without Kafka.</summary>
internal sealed class CountingSink : IEventSink
{
    private long _count;

    public long Acknowledged => _count;

    public long Failed => 0;

    public void Publish(MetricBatch batch) => _count += batch.points.Count;

    public void Publish(LogRecord log) => _count++;

    public void Publish(IncidentLabel label) => _count++;

    public bool Flush(TimeSpan timeout) => true;
}
