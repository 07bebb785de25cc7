-- One row per anomaly (topic anomalies). Anomaly ids are stable across re-scoring, so a
-- ReplacingMergeTree on the id keeps one row per anomaly after merges (query with FINAL
-- for an exact count before they happen). Contributions are parallel arrays, one element
-- per explaining series, largest share first: ARRAY JOIN them to get one row each.
CREATE TABLE IF NOT EXISTS anomalies
(
    id String,
    host LowCardinality(String),
    series Nullable(String),
    window_start DateTime64(3, 'UTC'),
    window_end DateTime64(3, 'UTC'),
    score Float64,
    threshold Float64,
    severity LowCardinality(String),
    model LowCardinality(String),
    model_version LowCardinality(String),
    contribution_series Array(String),
    contribution_share Array(Float64),
    contribution_value Array(Nullable(Float64)),
    contribution_expected Array(Nullable(Float64)),
    consecutive_windows UInt32,
    tags Map(LowCardinality(String), String),
    detected_at DateTime64(3, 'UTC')
)
ENGINE = ReplacingMergeTree(detected_at)
PARTITION BY toYYYYMM(window_start)
ORDER BY (host, window_start, id)
SETTINGS non_replicated_deduplication_window = 1000;
