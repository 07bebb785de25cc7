using io.streams.avro;

namespace Streams.Sinks.ClickHouse.Rows;

/// <summary>logs: one row per log line.</summary>
internal sealed class LogRecordRows : IRowMapper<LogRecord>
{
    public string Table => "logs";

    public IReadOnlyList<string> Columns { get; } =
    [
        "ts", "received_at", "host", "app", "severity", "facility", "message", "template_id", "structured_data", "proc_id", "msg_id",
        "source", "origin", "parse_error", "raw_line",
    ];

    public void AddRows(LogRecord record, List<object[]> rows)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(rows);
        object facility = record.facility is { } f
            ? f is >= 0 and <= 23 ? (byte)f : throw new InvalidDataException($"facility is {f}; syslog facilities are 0..23.")
            : DBNull.Value;
        rows.Add(
        [
            ColumnValues.Time(record.timestamp, "timestamp"), ColumnValues.Time(record.receivedAt, "receivedAt"), record.host,
            record.app ?? string.Empty, record.severity.ToString(), facility, record.message ?? string.Empty, record.templateId ?? string.Empty,
            ColumnValues.Map(record.structuredData), record.procId ?? string.Empty, record.msgId ?? string.Empty, record.source.ToString(),
            record.origin ?? string.Empty, record.parseError, ColumnValues.Nullable(record.rawLine),
        ]);
    }
}
