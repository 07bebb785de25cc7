-- The noisiest alert rules of the last 7 days: how often each fired, on how many distinct
-- alerts (fingerprints), how many of those episodes flapped or resolved within 5 minutes
-- without anyone acknowledging them (candidates for a longer for-duration or a higher
-- threshold), and how many notifications they caused.
SELECT
    r.rule_id,
    r.firings,
    r.distinct_alerts,
    r.flapping_changes,
    r.short_unacknowledged_episodes,
    coalesce(n.notifications, 0) AS notifications
FROM
(
    SELECT
        rule_id,
        countIf(state = 'FIRING') AS firings,
        uniqExact(fingerprint) AS distinct_alerts,
        countIf(flapping) AS flapping_changes,
        uniqExactIf((fingerprint, starts_at), state = 'RESOLVED' AND ends_at IS NOT NULL
            AND dateDiff('second', starts_at, ends_at) < 300 AND acknowledged_by IS NULL) AS short_unacknowledged_episodes
    FROM alerts
    WHERE updated_at >= now() - INTERVAL 7 DAY
    GROUP BY rule_id
) AS r
LEFT JOIN
(
    SELECT a.rule_id, count() AS notifications
    FROM notifications AS nt
    INNER JOIN (SELECT DISTINCT fingerprint, rule_id FROM alerts WHERE updated_at >= now() - INTERVAL 7 DAY) AS a ON a.fingerprint = nt.alert_fingerprint
    WHERE nt.created_at >= now() - INTERVAL 7 DAY
    GROUP BY a.rule_id
) AS n ON n.rule_id = r.rule_id
ORDER BY r.firings DESC
LIMIT 20;
