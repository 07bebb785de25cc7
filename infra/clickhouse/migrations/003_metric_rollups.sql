-- Per-minute and per-hour rollups of metrics_raw, filled by materialized views on insert.
-- Read them with the -Merge combinators (see queries/per_host_minute_percentiles.sql):
-- samples/sum/min/max are plain columns, quantiles needs quantilesTDigestMerge.
-- Gap markers (NaN) and forward-filled samples are not measurements and are left out.
CREATE TABLE IF NOT EXISTS metrics_1m
(
    minute DateTime('UTC'),
    host LowCardinality(String),
    metric LowCardinality(String),
    samples SimpleAggregateFunction(sum, UInt64),
    sum SimpleAggregateFunction(sum, Float64),
    min SimpleAggregateFunction(min, Float64),
    max SimpleAggregateFunction(max, Float64),
    quantiles AggregateFunction(quantilesTDigest(0.5, 0.9, 0.99), Float64)
)
ENGINE = AggregatingMergeTree
PARTITION BY toDate(minute)
ORDER BY (host, metric, minute)
TTL minute + toIntervalDay(90)
SETTINGS non_replicated_deduplication_window = 1000;

CREATE MATERIALIZED VIEW IF NOT EXISTS metrics_1m_mv TO metrics_1m AS
SELECT
    toStartOfMinute(ts) AS minute,
    host,
    metric,
    count() AS samples,
    sum(value) AS sum,
    min(value) AS min,
    max(value) AS max,
    quantilesTDigestState(0.5, 0.9, 0.99)(value) AS quantiles
FROM metrics_raw
WHERE NOT gap AND NOT forward_filled AND isFinite(value)
GROUP BY minute, host, metric;

CREATE TABLE IF NOT EXISTS metrics_1h
(
    hour DateTime('UTC'),
    host LowCardinality(String),
    metric LowCardinality(String),
    samples SimpleAggregateFunction(sum, UInt64),
    sum SimpleAggregateFunction(sum, Float64),
    min SimpleAggregateFunction(min, Float64),
    max SimpleAggregateFunction(max, Float64),
    quantiles AggregateFunction(quantilesTDigest(0.5, 0.9, 0.99), Float64)
)
ENGINE = AggregatingMergeTree
PARTITION BY toYYYYMM(hour)
ORDER BY (host, metric, hour)
TTL hour + toIntervalDay(730)
SETTINGS non_replicated_deduplication_window = 1000;

CREATE MATERIALIZED VIEW IF NOT EXISTS metrics_1h_mv TO metrics_1h AS
SELECT
    toStartOfHour(ts) AS hour,
    host,
    metric,
    count() AS samples,
    sum(value) AS sum,
    min(value) AS min,
    max(value) AS max,
    quantilesTDigestState(0.5, 0.9, 0.99)(value) AS quantiles
FROM metrics_raw
WHERE NOT gap AND NOT forward_filled AND isFinite(value)
GROUP BY hour, host, metric;
