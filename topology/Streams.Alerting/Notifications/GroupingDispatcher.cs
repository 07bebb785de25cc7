using io.streams.avro;

namespace Streams.Alerting.Notifications;

/// <summary>
/// Alertmanager's grouping, per preference: alerts with the same group-by label values form a
/// group; the first notification of a group waits group_wait (default 0 s: at once), later ones
/// go out at most every group_interval and only when the group changed (an alert fired, resolved
/// or was acknowledged); an unchanged group with firing alerts is repeated every repeat_interval.
/// Resolved and acknowledged alerts leave the group once notified, so repeats stop. Pure and
/// single-threaded: time comes from the injected clock, <see cref="Tick"/> hands out what is due.
/// </summary>
public sealed class GroupingDispatcher(TimeProvider clock)
{
    private readonly Dictionary<string, Group> groups = new(StringComparer.Ordinal);

    public int GroupCount => groups.Count;

    /// <summary>Adds a state change of <paramref name="alert"/> for <paramref name="preference"/> (one the router let through).</summary>
    public void Add(Alert alert, NotificationPreference preference)
    {
        ArgumentNullException.ThrowIfNull(alert);
        ArgumentNullException.ThrowIfNull(preference);
        if (alert.state is AlertState.UNKNOWN or AlertState.PENDING)
        {
            return;
        }

        var (key, groupLabels) = GroupKeyOf(alert, preference);
        var silent = alert.state == AlertState.SILENCED
            || (alert.state == AlertState.RESOLVED && !preference.NotifyResolved)
            || (alert.state == AlertState.ACKNOWLEDGED && !preference.NotifyAcknowledged);
        if (silent)
        {
            // Nobody is told, but the alert must stop repeating.
            if (groups.TryGetValue(key, out var existing) && existing.Alerts.Remove(alert.fingerprint) && existing.Alerts.Count == 0)
            {
                groups.Remove(key);
            }

            return;
        }

        var now = clock.GetUtcNow();
        if (!groups.TryGetValue(key, out var group))
        {
            group = new Group(groupLabels) { NextFlushAt = now + preference.GroupWait };
            groups.Add(key, group);
        }

        group.Preference = preference;
        if (!group.Alerts.TryGetValue(alert.fingerprint, out var known) || known.state != alert.state || known.startsAt != alert.startsAt)
        {
            group.Changed = true;
        }

        group.Alerts[alert.fingerprint] = alert;
    }

    /// <summary>The notifications due now; call after every <see cref="Add"/> and periodically.</summary>
    public IReadOnlyList<NotificationBatch> Tick()
    {
        var now = clock.GetUtcNow();
        var due = new List<NotificationBatch>();
        foreach (var (key, group) in groups.Where(g => g.Value.NextFlushAt <= now).ToList())
        {
            var preference = group.Preference!;
            if (group.Changed)
            {
                due.Add(new NotificationBatch(preference, key, group.Labels, [.. group.Alerts.Values.OrderBy(a => a.fingerprint, StringComparer.Ordinal)], IsRepeat: false, now));
                group.LastSentAt = now;
                group.Changed = false;
                foreach (var ended in group.Alerts.Values.Where(a => a.state != AlertState.FIRING).Select(a => a.fingerprint).ToList())
                {
                    group.Alerts.Remove(ended);
                }
            }
            else if (now - group.LastSentAt >= preference.RepeatInterval && group.Alerts.Count > 0)
            {
                due.Add(new NotificationBatch(preference, key, group.Labels, [.. group.Alerts.Values.OrderBy(a => a.fingerprint, StringComparer.Ordinal)], IsRepeat: true, now));
                group.LastSentAt = now;
            }

            group.NextFlushAt = now + preference.GroupInterval;
            if (group.Alerts.Count == 0)
            {
                groups.Remove(key);
            }
        }

        return due;
    }

    private static (string Key, IReadOnlyDictionary<string, string> Labels) GroupKeyOf(Alert alert, NotificationPreference preference)
    {
        var labels = alert.labels ?? new Dictionary<string, string>();
        if (preference.GroupBy.Count == 0)
        {
            var own = string.IsNullOrEmpty(alert.groupKey) ? alert.fingerprint : alert.groupKey;
            return (preference.Id + "/" + own, new Dictionary<string, string>());
        }

        var values = preference.GroupBy.ToDictionary(l => l, l => labels.TryGetValue(l, out var v) ? v : string.Empty, StringComparer.Ordinal);
        return (preference.Id + "/" + string.Join(',', values.Select(p => p.Key + "=" + p.Value)), values);
    }

    private sealed class Group(IReadOnlyDictionary<string, string> labels)
    {
        public IReadOnlyDictionary<string, string> Labels { get; } = labels;

        public Dictionary<string, Alert> Alerts { get; } = new(StringComparer.Ordinal);

        public NotificationPreference? Preference { get; set; }

        public DateTimeOffset NextFlushAt { get; set; }

        public DateTimeOffset LastSentAt { get; set; }

        public bool Changed { get; set; }
    }
}
