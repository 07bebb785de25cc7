-- One row per metric sample (topic metrics.clean by default, Sink:MetricsTopic).
-- Codecs: timestamps are near-monotonic within a series (Delta), values change slowly
-- (Gorilla XORs successive doubles), ZSTD squeezes what is left. ORDER BY puts one series'
-- samples next to each other, which is what makes those codecs work.
-- The TTL is set again at start from Sink:MetricsRawTtlDays.
CREATE TABLE IF NOT EXISTS metrics_raw
(
    ts DateTime64(3, 'UTC') CODEC(Delta, ZSTD(1)),
    host LowCardinality(String),
    metric LowCardinality(String),
    value Float64 CODEC(Gorilla, ZSTD(1)),
    raw_value Nullable(Float64) CODEC(Gorilla, ZSTD(1)),
    unit LowCardinality(String),
    kind LowCardinality(String),
    tags Map(LowCardinality(String), String) CODEC(ZSTD(1)),
    source LowCardinality(String),
    interval_ms UInt32 CODEC(T64, ZSTD(1)),
    gap Bool,
    forward_filled Bool,
    normalised Bool
)
ENGINE = MergeTree
PARTITION BY toDate(ts)
ORDER BY (host, metric, ts)
TTL toDateTime(ts) + toIntervalDay(30)
SETTINGS non_replicated_deduplication_window = 1000;
