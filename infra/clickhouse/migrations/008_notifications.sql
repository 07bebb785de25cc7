-- Delivery audit (topic notifications): one row per attempt and outcome of each notification.
CREATE TABLE IF NOT EXISTS notifications
(
    id String,
    alert_fingerprint String,
    alert_state LowCardinality(String),
    severity LowCardinality(String),
    channel LowCardinality(String),
    recipient String,
    status LowCardinality(String),
    attempt UInt16,
    error Nullable(String),
    created_at DateTime64(3, 'UTC'),
    updated_at DateTime64(3, 'UTC'),
    sent_at Nullable(DateTime64(3, 'UTC')),
    next_attempt_at Nullable(DateTime64(3, 'UTC'))
)
ENGINE = MergeTree
PARTITION BY toYYYYMM(created_at)
ORDER BY (alert_fingerprint, created_at, id)
SETTINGS non_replicated_deduplication_window = 1000;
