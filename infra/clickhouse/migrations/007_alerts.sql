-- Every alert state change (topic alerts): PENDING, FIRING, ACKNOWLEDGED, RESOLVED, ...
-- An alert episode is (fingerprint, starts_at); MTTA/MTTR come from the first FIRING,
-- ACKNOWLEDGED and RESOLVED change of each episode (queries/alert_mtta_mttr.sql).
CREATE TABLE IF NOT EXISTS alerts
(
    fingerprint String,
    rule_id LowCardinality(String),
    rule_version UInt32,
    state LowCardinality(String),
    severity LowCardinality(String),
    labels Map(LowCardinality(String), String),
    annotations Map(LowCardinality(String), String),
    value Nullable(Float64),
    starts_at DateTime64(3, 'UTC'),
    ends_at Nullable(DateTime64(3, 'UTC')),
    updated_at DateTime64(3, 'UTC'),
    group_key String,
    anomaly_ids Array(String),
    acknowledged_by Nullable(String),
    silence_id Nullable(String),
    escalation_level UInt16,
    flapping Bool
)
ENGINE = MergeTree
PARTITION BY toYYYYMM(updated_at)
ORDER BY (rule_id, fingerprint, updated_at)
SETTINGS non_replicated_deduplication_window = 1000;
