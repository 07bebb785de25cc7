-- Capacity: every host's resource series (filesystems, inodes, memory, swap, CPU by default) by
-- when its latest forecast (made in the last 2 days) reaches the resource's limit, soonest
-- first, with the band's earliest and latest times; series that do not reach it within the
-- forecast's horizon come last. What GET /api/capacity answers.
SELECT
    host,
    series,
    model,
    round(last_value, 2) AS last_value,
    limit,
    exhaustion_earliest,
    exhaustion_expected,
    exhaustion_latest,
    round(dateDiff('minute', now64(3), exhaustion_expected) / 60, 1) AS hours_left
FROM
(
    SELECT *
    FROM forecasts
    WHERE generated_at > now() - INTERVAL 2 DAY
    ORDER BY host, series, generated_at DESC
    LIMIT 1 BY host, series
)
ORDER BY exhaustion_expected IS NULL, exhaustion_expected, host, series;
