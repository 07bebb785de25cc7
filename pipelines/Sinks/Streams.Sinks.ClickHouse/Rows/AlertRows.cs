using io.streams.avro;

namespace Streams.Sinks.ClickHouse.Rows;

/// <summary>alerts: one row per alert state change.</summary>
internal sealed class AlertRows : IRowMapper<Alert>
{
    public string Table => "alerts";

    public IReadOnlyList<string> Columns { get; } =
    [
        "fingerprint", "rule_id", "rule_version", "state", "severity", "labels", "annotations", "value", "starts_at", "ends_at", "updated_at",
        "group_key", "anomaly_ids", "acknowledged_by", "silence_id", "escalation_level", "flapping",
    ];

    public void AddRows(Alert record, List<object[]> rows)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(rows);
        rows.Add(
        [
            record.fingerprint, record.ruleId, ColumnValues.Unsigned(record.ruleVersion, "ruleVersion"), record.state.ToString(),
            record.severity.ToString(), ColumnValues.Map(record.labels), ColumnValues.Map(record.annotations), ColumnValues.Nullable(record.value),
            ColumnValues.Time(record.startsAt, "startsAt"), ColumnValues.Time(record.endsAt, "endsAt"), ColumnValues.Time(record.updatedAt, "updatedAt"),
            record.groupKey ?? string.Empty, (record.anomalyIds ?? []).ToArray(), ColumnValues.Nullable(record.acknowledgedBy),
            ColumnValues.Nullable(record.silenceId), ColumnValues.UnsignedShort(record.escalationLevel, "escalationLevel"), record.flapping,
        ]);
    }
}
