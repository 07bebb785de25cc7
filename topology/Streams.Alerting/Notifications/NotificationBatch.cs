using io.streams.avro;

namespace Streams.Alerting.Notifications;

/// <summary>
/// One notification of a group to a preference's channels: every alert of the group as it
/// stands (firing, and resolved or acknowledged since the last one), or, for a repeat, the alerts
/// still firing.
/// </summary>
public sealed record NotificationBatch(
    NotificationPreference Preference,
    string GroupKey,
    IReadOnlyDictionary<string, string> GroupLabels,
    IReadOnlyList<Alert> Alerts,
    bool IsRepeat,
    DateTimeOffset At)
{
    /// <summary>The records whose change this notification carries; settle them once it is delivered and audited. Empty for a repeat.</summary>
    public HeldChanges Changes { get; init; } = new();

    /// <summary>
    /// Which repeat of <paramref name="alert"/> this is: 0 for a first notification, else the number
    /// of repeat intervals since the episode started. Derived from time rather than counted, so a
    /// restarted notifier numbers a repeat as the one before did and the ledger recognises it.
    /// </summary>
    public int RepeatNumber(Alert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        if (!IsRepeat)
        {
            return 0;
        }

        var elapsed = At - new DateTimeOffset(DateTime.SpecifyKind(alert.startsAt, DateTimeKind.Utc));
        return Math.Max(1, (int)Math.Min(int.MaxValue, elapsed / Preference.RepeatInterval));
    }

    /// <summary>Firing when any alert fires, else resolved or acknowledged as all alerts are.</summary>
    public AlertState Status => Alerts.Any(a => a.state == AlertState.FIRING) ? AlertState.FIRING
        : Alerts.All(a => a.state == AlertState.RESOLVED) ? AlertState.RESOLVED
        : AlertState.ACKNOWLEDGED;
}
