namespace Streams.Alerting.Notifications;

/// <summary>A delivery the preference would receive but holds back, with the reason the audit records.</summary>
/// <param name="ReasonKind">A short stable word (severity, quiet_hours, flapping) that makes the audit id.</param>
public sealed record SuppressedDelivery(NotificationPreference Preference, ChannelTarget Channel, string ReasonKind, string Reason);
