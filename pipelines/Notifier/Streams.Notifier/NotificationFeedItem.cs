namespace Streams.Notifier;

/// <summary>One notification on the dashboard's live feed.</summary>
/// <param name="Recipient">The dashboard user or team the preference named.</param>
/// <param name="Status">FIRING, RESOLVED or ACKNOWLEDGED.</param>
/// <param name="Fingerprints">The alerts it is about.</param>
public sealed record NotificationFeedItem(
    string Recipient,
    string Status,
    string Severity,
    string Title,
    string Text,
    string GroupKey,
    IReadOnlyList<string> Fingerprints,
    DateTimeOffset At);
