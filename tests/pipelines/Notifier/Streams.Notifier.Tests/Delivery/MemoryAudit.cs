using System.Collections.Concurrent;
using Confluent.Kafka;
using io.streams.avro;
using Streams.Notifier.Delivery;

namespace Streams.Notifier.Tests.Delivery;

internal sealed class MemoryAudit : INotificationAudit
{
    private readonly ConcurrentQueue<Notification> records = new();

    public IReadOnlyList<Notification> Records => [.. records];

    private int failures;

    /// <summary>How many of the next writes fail as a produce to an unreachable Kafka does.</summary>
    public int FailNext
    {
        get => Volatile.Read(ref failures);
        set => Volatile.Write(ref failures, value);
    }

    public Task RecordAsync(Notification record, CancellationToken cancellationToken)
    {
        if (Interlocked.Decrement(ref failures) >= 0)
        {
            throw new KafkaException(new Error(ErrorCode.Local_MsgTimedOut, "Message timed out"));
        }

        Interlocked.Exchange(ref failures, 0);
        records.Enqueue(record);
        return Task.CompletedTask;
    }

    public Task DeadLetterAsync(TopicPartitionOffset source, byte[] original, string reason, string detail, CancellationToken cancellationToken) =>
        throw new InvalidOperationException($"unexpected dead letter from {source}: {reason} {detail}");
}
