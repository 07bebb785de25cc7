-- Mean time to acknowledge (MTTA) and to resolve (MTTR) per rule and severity, last 30 days.
-- An alert episode is one fingerprint from one startsAt; alerts holds every state change, so
-- each episode's first FIRING, ACKNOWLEDGED and RESOLVED times are taken with minIf.
-- MTTA counts only acknowledged episodes, MTTR only resolved ones; the medians say more than
-- the means when a few episodes stayed open for days.
SELECT
    rule_id,
    severity,
    count() AS episodes,
    countIf(acked_at IS NOT NULL) AS acknowledged,
    countIf(resolved_at IS NOT NULL) AS resolved,
    round(avgIf(dateDiff('second', fired_at, acked_at), acked_at IS NOT NULL) / 60, 1) AS mtta_minutes,
    round(medianIf(dateDiff('second', fired_at, acked_at), acked_at IS NOT NULL) / 60, 1) AS median_tta_minutes,
    round(avgIf(dateDiff('second', fired_at, resolved_at), resolved_at IS NOT NULL) / 60, 1) AS mttr_minutes,
    round(medianIf(dateDiff('second', fired_at, resolved_at), resolved_at IS NOT NULL) / 60, 1) AS median_ttr_minutes
FROM
(
    SELECT
        rule_id,
        fingerprint,
        starts_at,
        argMax(severity, updated_at) AS severity,
        minIf(updated_at, state = 'FIRING') AS fired_at,
        if(countIf(state = 'ACKNOWLEDGED') > 0, minIf(updated_at, state = 'ACKNOWLEDGED'), NULL) AS acked_at,
        if(countIf(state = 'RESOLVED') > 0, minIf(updated_at, state = 'RESOLVED'), NULL) AS resolved_at
    FROM alerts
    WHERE updated_at >= now() - INTERVAL 30 DAY
    GROUP BY rule_id, fingerprint, starts_at
    HAVING countIf(state = 'FIRING') > 0
)
GROUP BY rule_id, severity
ORDER BY episodes DESC;
