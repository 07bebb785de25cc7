using io.streams.avro;

namespace Streams.Alerting.Notifications;

/// <summary>
/// Alertmanager's grouping, per preference: alerts with the same group-by label values form a
/// group; the first notification of a group waits group_wait (default 0 s: at once), later ones
/// go out at most every group_interval and only when the group changed (an alert fired, resolved
/// or was acknowledged); an unchanged group with firing alerts is repeated every repeat_interval.
/// Resolved and acknowledged alerts leave the group once notified, so repeats stop. Single-threaded:
/// time comes from the injected clock, <see cref="Tick"/> hands out what is due.
/// <para>
/// Groups live in memory only. A change the group holds back is held in the caller's hands too
/// (<see cref="HeldChanges"/>): its record stays uncommitted until the notification carrying it is
/// delivered, so after a restart the replayed records rebuild the group and the change goes out
/// then. Repeat timers start over after a restart, and an alert whose records were all committed
/// joins its group again only with its next record.
/// </para>
/// </summary>
public sealed class GroupingDispatcher(TimeProvider clock)
{
    private readonly Dictionary<string, Group> groups = new(StringComparer.Ordinal);
    private IReadOnlyList<NotificationPreference>? followed;

    public int GroupCount => groups.Count;

    /// <summary>
    /// Adds a state change of <paramref name="alert"/> for <paramref name="preference"/> (one the
    /// router let through). The task ends once the notification carrying the change is settled
    /// (<see cref="HeldChanges.SettleWhen"/>) or no notification will carry it; it has ended
    /// already when the record changes nothing.
    /// </summary>
    public Task Add(Alert alert, NotificationPreference preference)
    {
        ArgumentNullException.ThrowIfNull(alert);
        ArgumentNullException.ThrowIfNull(preference);
        if (alert.state is AlertState.UNKNOWN or AlertState.PENDING)
        {
            return Task.CompletedTask;
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
                Drop(key, existing);
            }

            return Task.CompletedTask;
        }

        var now = clock.GetUtcNow();
        if (!groups.TryGetValue(key, out var group))
        {
            group = new Group(groupLabels) { NextFlushAt = now + preference.GroupWait };
            groups.Add(key, group);
        }

        group.Preference = preference;
        var changed = !group.Alerts.TryGetValue(alert.fingerprint, out var known) || known.state != alert.state || known.startsAt != alert.startsAt;
        group.Alerts[alert.fingerprint] = alert;
        if (!changed)
        {
            return Task.CompletedTask;
        }

        group.Changed = true;
        return group.Held.Hold();
    }

    /// <summary>
    /// Brings the groups in line with the preferences now in force: a group follows its
    /// preference's current version (channels, timers), and one whose preference was deleted or
    /// disabled ends without notifying, releasing what it held so no offset waits for it.
    /// </summary>
    public void Follow(IReadOnlyList<NotificationPreference> current)
    {
        ArgumentNullException.ThrowIfNull(current);
        if (ReferenceEquals(current, followed))
        {
            return;
        }

        followed = current;
        var byId = current.Where(p => p.Enabled).ToDictionary(p => p.Id, StringComparer.Ordinal);
        foreach (var (key, group) in groups.ToList())
        {
            if (byId.TryGetValue(group.Preference!.Id, out var preference))
            {
                group.Preference = preference;
            }
            else
            {
                Drop(key, group);
            }
        }
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
                due.Add(new NotificationBatch(preference, key, group.Labels, [.. group.Alerts.Values.OrderBy(a => a.fingerprint, StringComparer.Ordinal)], IsRepeat: false, now) { Changes = group.Held });
                group.Held = new HeldChanges();
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

    private void Drop(string key, Group group)
    {
        groups.Remove(key);
        group.Held.Release();
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

        /// <summary>The records behind <see cref="Changed"/>, waiting for the next flush.</summary>
        public HeldChanges Held { get; set; } = new();
    }
}
