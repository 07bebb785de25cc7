using io.streams.avro;

namespace Streams.Alerting.Notifications;

/// <summary>
/// Decides which preferences an alert state change concerns: enabled, every matcher matching the
/// alert's labels, and escalated far enough. Of those, it holds back (and says why) what is below
/// the preference's minimum severity, what falls in its quiet hours (CRITICAL excepted unless
/// disallowed) and anything of a flapping alert. PENDING is never notified; SILENCED goes to the
/// dispatcher only so that it stops repeating the alert.
/// </summary>
public static class NotificationRouter
{
    public static RouteDecision Route(Alert alert, IEnumerable<NotificationPreference> preferences, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(alert);
        ArgumentNullException.ThrowIfNull(preferences);
        if (alert.state is AlertState.UNKNOWN or AlertState.PENDING)
        {
            return RouteDecision.None;
        }

        IReadOnlyDictionary<string, string> labels = alert.labels is null ? new Dictionary<string, string>() : new Dictionary<string, string>(alert.labels);
        var notify = new List<NotificationPreference>();
        var suppressed = new List<SuppressedDelivery>();
        foreach (var preference in preferences)
        {
            if (!preference.Enabled
                || alert.escalationLevel < preference.EscalationLevel
                || !preference.Matchers.All(m => m.Matches(labels)))
            {
                continue;
            }

            if (alert.state != AlertState.SILENCED && HoldBack(alert, preference, now) is { } reason)
            {
                suppressed.AddRange(preference.Channels.Select(c => new SuppressedDelivery(preference, c, reason.Kind, reason.Text)));
                continue;
            }

            notify.Add(preference);
        }

        return new RouteDecision(notify, suppressed);
    }

    private static (string Kind, string Text)? HoldBack(Alert alert, NotificationPreference preference, DateTimeOffset now)
    {
        if (alert.severity < preference.MinimumSeverity)
        {
            return ("severity", $"severity {alert.severity} is below the preference's minimum {preference.MinimumSeverity}");
        }

        if (alert.flapping)
        {
            return ("flapping", "the alert is flapping; notifications are held back until it settles");
        }

        if (preference.QuietHours is { } quiet && quiet.Contains(now) && !(quiet.AllowCritical && alert.severity == Severity.CRITICAL))
        {
            return ("quiet_hours", $"quiet hours {quiet.Start:HH:mm}-{quiet.End:HH:mm} {quiet.TimeZone.Id}");
        }

        return null;
    }
}
