using System.Collections.Concurrent;
using io.streams.avro;
using Streams.Collectors.Publishing.Inbound;
using Streams.Schemas.Metrics;

namespace Streams.Collectors.Prometheus.Tests.Support;

/// <summary>An in-memory sink: what a receiver published and dead-lettered, for assertions. Linked into the Zabbix and Nagios tests.</summary>
public sealed class ListInboundSink : IInboundSink
{
    public ConcurrentQueue<MetricBatch> Batches { get; } = new();

    /// <summary>Every point of every batch as the per-sample record of its series, in the order published.</summary>
    public IReadOnlyList<MetricSample> Samples => [.. Batches.SelectMany(MetricBatches.ToSamples)];

    public ConcurrentQueue<LogRecord> Events { get; } = new();

    public ConcurrentQueue<InboundDeadLetter> DeadLetters { get; } = new();

    public void Publish(MetricBatch batch) => Batches.Enqueue(batch);

    public void Publish(LogRecord record) => Events.Enqueue(record);

    public void DeadLetter(InboundDeadLetter letter) => DeadLetters.Enqueue(letter);

    /// <summary>Waits (polling, up to <paramref name="timeout"/>) until <paramref name="condition"/> holds.</summary>
    public static async Task<bool> WaitUntilAsync(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(50);
        }

        return true;
    }
}
