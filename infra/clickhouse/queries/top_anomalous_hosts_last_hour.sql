-- Top anomalous hosts of the last hour: how many anomalies each host had, how bad the worst
-- was (score over threshold), which models found them and which series explain them most.
-- FINAL collapses re-scored anomalies (same id) that have not been merged yet.
SELECT
    host,
    count() AS anomalies,
    countIf(severity IN ('MAJOR', 'CRITICAL')) AS major_or_critical,
    round(max(score / nullIf(threshold, 0)), 2) AS worst_score_over_threshold,
    groupUniqArray(model) AS models,
    topK(3)(arrayElement(contribution_series, 1)) AS top_explaining_series,
    max(detected_at) AS last_detected_at
FROM anomalies FINAL
WHERE window_start >= now() - INTERVAL 1 HOUR
GROUP BY host
ORDER BY anomalies DESC, worst_score_over_threshold DESC
LIMIT 20;
