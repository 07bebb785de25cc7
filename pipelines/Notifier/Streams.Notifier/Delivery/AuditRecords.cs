using io.streams.avro;

namespace Streams.Notifier.Delivery;

/// <summary>Copies of a notification record with a new status, as each attempt or outcome is audited.</summary>
internal static class AuditRecords
{
    public static Notification With(this Notification record, NotificationStatus status, int attempt, DateTime at, string? error = null, DateTime? sentAt = null, DateTime? nextAttemptAt = null) => new()
    {
        id = record.id,
        alertFingerprint = record.alertFingerprint,
        alertState = record.alertState,
        severity = record.severity,
        channel = record.channel,
        recipient = record.recipient,
        status = status,
        attempt = attempt,
        error = error,
        createdAt = record.createdAt,
        updatedAt = at,
        sentAt = sentAt,
        nextAttemptAt = nextAttemptAt,
    };
}
