using Confluent.Kafka;
using io.streams.avro;
using Streams.Schemas.Topics;
using Streams.Topology.DeadLetters;

namespace Streams.Notifier.Delivery;

/// <summary>
/// Writes audit records to <c>notifications</c>, keyed by alert fingerprint, in Avro. The producer
/// is idempotent with acks=all, so a record is durable when its task completes and a PENDING record
/// never lands after the SENT one of the same notification.
/// </summary>
internal sealed class KafkaNotificationAudit(NotifierProducer producer) : INotificationAudit
{
    /// <summary>The value of the dead-letter <c>stage</c> header for the notifier's rejects.</summary>
    public const string DeadLetterStage = "notifier";

    public Task RecordAsync(Notification record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        return producer.ProduceAsync(TopicCatalogue.Notifications.Name, record.alertFingerprint, record, cancellationToken);
    }

    public Task DeadLetterAsync(TopicPartitionOffset source, byte[] original, string reason, string detail, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        // ToHeaders also counts the dead letter, as every stage's do.
        var headers = new Rejection(DeadLetterStage, reason, detail, original, source).ToHeaders();
        return producer.ProduceAsync(TopicCatalogue.DeadLetter.Name, new Message<string, byte[]> { Key = source.Topic, Value = original, Headers = headers }, cancellationToken);
    }
}
