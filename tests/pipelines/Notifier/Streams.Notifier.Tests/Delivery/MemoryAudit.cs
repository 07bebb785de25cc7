using System.Collections.Concurrent;
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
}
