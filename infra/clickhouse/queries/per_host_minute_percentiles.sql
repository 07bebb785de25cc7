-- Per host, per metric, per minute: sample count, mean, min, max and p50/p90/p99 over the
-- last 3 hours, read from the 1-minute rollup (metrics_1m) instead of the raw samples.
-- The rollup is an AggregatingMergeTree: rows of one minute may still be split across
-- parts, so always GROUP BY again and finish the quantile states with quantilesTDigestMerge.
-- Output names differ from the column names on purpose: an alias equal to a column name
-- would shadow the column inside the other aggregates.
-- For one host, add e.g. AND host = 'web-001' (or, over HTTP, AND host = {host:String}
-- with param_host=web-001). For longer ranges read metrics_1h the same way (column hour).
SELECT
    host,
    metric,
    minute,
    sum(samples) AS sample_count,
    round(sum(sum) / sample_count, 4) AS mean,
    min(min) AS min_value,
    max(max) AS max_value,
    round(quantilesTDigestMerge(0.5, 0.9, 0.99)(quantiles)[1], 4) AS p50,
    round(quantilesTDigestMerge(0.5, 0.9, 0.99)(quantiles)[2], 4) AS p90,
    round(quantilesTDigestMerge(0.5, 0.9, 0.99)(quantiles)[3], 4) AS p99
FROM metrics_1m
WHERE minute >= now() - INTERVAL 3 HOUR
GROUP BY host, metric, minute
ORDER BY host, metric, minute;
