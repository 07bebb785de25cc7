using io.streams.avro;

namespace Streams.Sinks.ClickHouse.Rows;

/// <summary>notifications: one row per delivery attempt or outcome.</summary>
internal sealed class NotificationRows : IRowMapper<Notification>
{
    public string Table => "notifications";

    public IReadOnlyList<string> Columns { get; } =
    [
        "id", "alert_fingerprint", "alert_state", "severity", "channel", "recipient", "status", "attempt", "error", "created_at", "updated_at",
        "sent_at", "next_attempt_at",
    ];

    public void AddRows(Notification record, List<object[]> rows)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(rows);
        rows.Add(
        [
            record.id, record.alertFingerprint, record.alertState.ToString(), record.severity.ToString(), record.channel.ToString(),
            record.recipient, record.status.ToString(), ColumnValues.UnsignedShort(record.attempt, "attempt"), ColumnValues.Nullable(record.error),
            ColumnValues.Time(record.createdAt, "createdAt"), ColumnValues.Time(record.updatedAt, "updatedAt"),
            ColumnValues.Time(record.sentAt, "sentAt"), ColumnValues.Time(record.nextAttemptAt, "nextAttemptAt"),
        ]);
    }
}
