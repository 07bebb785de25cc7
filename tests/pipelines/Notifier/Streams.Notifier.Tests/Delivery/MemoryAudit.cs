using System.Collections.Concurrent;
using Confluent.Kafka;
using io.streams.avro;
using Streams.Notifier.Delivery;

namespace Streams.Notifier.Tests.Delivery;

internal sealed class MemoryAudit : INotificationAudit
{
    private readonly ConcurrentQueue<Notification> records = new();

    public IReadOnlyList<Notification> Records => [.. records];

    public Task RecordAsync(Notification record, CancellationToken cancellationToken)
    {
        records.Enqueue(record);
        return Task.CompletedTask;
    }

    public Task DeadLetterAsync(TopicPartitionOffset source, byte[] original, string reason, string detail, CancellationToken cancellationToken) =>
        throw new InvalidOperationException($"unexpected dead letter from {source}: {reason} {detail}");
}
