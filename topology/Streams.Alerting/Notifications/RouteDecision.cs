namespace Streams.Alerting.Notifications;

/// <summary>What the router decided for one alert: the preferences it goes to, and the deliveries held back.</summary>
public sealed record RouteDecision(IReadOnlyList<NotificationPreference> Notify, IReadOnlyList<SuppressedDelivery> Suppressed)
{
    public static readonly RouteDecision None = new([], []);

    /// <summary>Every (preference, channel) the alert is delivered to; the recipient is the channel's.</summary>
    public IEnumerable<(NotificationPreference Preference, ChannelTarget Channel)> Deliveries =>
        Notify.SelectMany(p => p.Channels.Select(c => (p, c)));
}
