-- Hourly rollup per series (metric with its tags, e.g. fs.used.percent{mount=/}), filled from
-- metric_windows on insert. metrics_1h is per host and metric only, so a host's filesystems
-- share one row there; forecasting needs each mount apart (the forecaster reads this table).
-- Every window size covers every sample, so sum / samples is the hourly mean whatever
-- Processor:WindowSizes holds; samples counts each sample once per window size.
-- Windows without a measured sample (count 0) are left out.
CREATE TABLE IF NOT EXISTS series_1h
(
    hour DateTime('UTC'),
    host LowCardinality(String),
    metric LowCardinality(String),
    series String CODEC(ZSTD(1)),
    samples SimpleAggregateFunction(sum, UInt64),
    sum SimpleAggregateFunction(sum, Float64),
    min SimpleAggregateFunction(min, Float64),
    max SimpleAggregateFunction(max, Float64)
)
ENGINE = AggregatingMergeTree
PARTITION BY toYYYYMM(hour)
ORDER BY (host, metric, series, hour)
TTL hour + toIntervalDay(730)
SETTINGS non_replicated_deduplication_window = 1000;

CREATE MATERIALIZED VIEW IF NOT EXISTS series_1h_mv TO series_1h AS
SELECT
    toStartOfHour(window_start) AS hour,
    host,
    metric,
    series,
    sum(toUInt64(count)) AS samples,
    sum(mean * count) AS sum,
    min(min) AS min,
    max(max) AS max
FROM metric_windows
WHERE count > 0 AND isFinite(mean)
GROUP BY hour, host, metric, series;
