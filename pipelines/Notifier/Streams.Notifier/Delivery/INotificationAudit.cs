using io.streams.avro;

namespace Streams.Notifier.Delivery;

/// <summary>Where every decision and attempt is recorded: the <c>notifications</c> topic, which the ClickHouse sink writes to the audit table.</summary>
internal interface INotificationAudit
{
    /// <summary>Completes once the record is durably written.</summary>
    Task RecordAsync(Notification record, CancellationToken cancellationToken);
}
