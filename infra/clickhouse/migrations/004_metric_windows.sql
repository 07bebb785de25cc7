-- One row per series per window (topic metrics.windows): the statistics the scorer saw.
CREATE TABLE IF NOT EXISTS metric_windows
(
    window_start DateTime64(3, 'UTC') CODEC(Delta, ZSTD(1)),
    window_end DateTime64(3, 'UTC') CODEC(Delta, ZSTD(1)),
    window_size_ms UInt32,
    host LowCardinality(String),
    series String CODEC(ZSTD(1)),
    metric LowCardinality(String),
    unit LowCardinality(String),
    count UInt32,
    min Float64 CODEC(Gorilla, ZSTD(1)),
    max Float64 CODEC(Gorilla, ZSTD(1)),
    mean Float64 CODEC(Gorilla, ZSTD(1)),
    stddev Float64 CODEC(Gorilla, ZSTD(1)),
    last Float64 CODEC(Gorilla, ZSTD(1)),
    p95 Float64 CODEC(Gorilla, ZSTD(1)),
    forward_filled UInt32,
    gaps UInt32,
    late_samples UInt32,
    emitted_at Nullable(DateTime64(3, 'UTC'))
)
ENGINE = MergeTree
PARTITION BY toDate(window_start)
ORDER BY (host, series, window_start)
TTL toDateTime(window_start) + toIntervalDay(90)
SETTINGS non_replicated_deduplication_window = 1000;
