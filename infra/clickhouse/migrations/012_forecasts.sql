-- One row per forecast (topic forecasts): a host's resource series, forecast each forecaster
-- cycle. The latest per series: ORDER BY generated_at DESC LIMIT 1 BY host, series
-- (queries/capacity.sql). Points are parallel arrays, one element per forecast step.
CREATE TABLE IF NOT EXISTS forecasts
(
    generated_at DateTime64(3, 'UTC'),
    host LowCardinality(String),
    series String CODEC(ZSTD(1)),
    metric LowCardinality(String),
    tags Map(LowCardinality(String), String),
    model LowCardinality(String),
    season_steps UInt32,
    step_ms UInt32,
    origin DateTime64(3, 'UTC'),
    last_value Float64,
    coverage Float64,
    residual_sigma Float64,
    limit Nullable(Float64),
    direction LowCardinality(String),
    exhaustion_expected Nullable(DateTime64(3, 'UTC')),
    exhaustion_earliest Nullable(DateTime64(3, 'UTC')),
    exhaustion_latest Nullable(DateTime64(3, 'UTC')),
    points_at Array(DateTime64(3, 'UTC')) CODEC(Delta, ZSTD(1)),
    points_expected Array(Float64) CODEC(ZSTD(1)),
    points_lower Array(Float64) CODEC(ZSTD(1)),
    points_upper Array(Float64) CODEC(ZSTD(1))
)
ENGINE = MergeTree
PARTITION BY toDate(generated_at)
ORDER BY (host, series, generated_at)
TTL toDateTime(generated_at) + toIntervalDay(30)
SETTINGS non_replicated_deduplication_window = 1000;
