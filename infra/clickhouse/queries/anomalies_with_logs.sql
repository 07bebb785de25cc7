-- Anomalies of the last 24 hours with the log lines of the same host around them: from
-- 2 minutes before the anomalous window to 2 minutes after it, warnings and worse first.
-- This is the "what was the server saying when it went wrong" view.
SELECT
    a.host,
    a.id AS anomaly_id,
    a.window_start,
    a.window_end,
    a.severity AS anomaly_severity,
    round(a.score, 2) AS score,
    arrayElement(a.contribution_series, 1) AS main_series,
    l.ts AS log_ts,
    l.severity AS log_severity,
    l.app,
    l.template_id,
    l.message
FROM (SELECT * FROM anomalies FINAL WHERE window_start >= now() - INTERVAL 24 HOUR) AS a
INNER JOIN logs AS l ON l.host = a.host
WHERE l.ts BETWEEN a.window_start - INTERVAL 2 MINUTE AND a.window_end + INTERVAL 2 MINUTE
  AND l.ts >= now() - INTERVAL 25 HOUR
ORDER BY a.window_start DESC, a.host, indexOf(['EMERGENCY', 'ALERT', 'CRITICAL', 'ERROR', 'WARNING'], l.severity) = 0, l.ts
LIMIT 500;
