using Confluent.Kafka;
using io.streams.avro;

namespace Streams.Notifier.Delivery;

/// <summary>Where every decision and attempt is recorded: the <c>notifications</c> topic, which the ClickHouse sink writes to the audit table.</summary>
internal interface INotificationAudit
{
    /// <summary>Completes once the record is durably written.</summary>
    Task RecordAsync(Notification record, CancellationToken cancellationToken);

    /// <summary>Writes an alert record the notifier cannot read to <c>deadletter</c> with the reason; completes once it is durable.</summary>
    Task DeadLetterAsync(TopicPartitionOffset source, byte[] original, string reason, string detail, CancellationToken cancellationToken);
}
