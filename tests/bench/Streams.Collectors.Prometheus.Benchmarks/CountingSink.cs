using io.streams.avro;
using Streams.Collectors.Publishing.Inbound;

namespace Streams.Collectors.Prometheus.Benchmarks;

/// <summary>Counts what it is given and keeps nothing, so the figures are the receiver's own cost.</summary>
internal sealed class CountingSink : IInboundSink
{
    private long _samples;

    public long Samples => Interlocked.Read(ref _samples);

    public void Publish(MetricBatch batch) => Interlocked.Add(ref _samples, batch.points.Count);

    public void Publish(LogRecord record)
    {
    }

    public void DeadLetter(InboundDeadLetter letter) => throw new InvalidOperationException("the benchmark input is valid: " + letter.Detail);
}
