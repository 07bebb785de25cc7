namespace Streams.Api.Contracts;

/// <summary>A notification the dashboard channel delivered, as the live feed sends it.</summary>
/// <param name="Recipient">The dashboard user or team the preference named.</param>
/// <param name="Status">firing, resolved or acknowledged.</param>
/// <param name="Fingerprints">The alerts it is about.</param>
internal sealed record NotificationView(string Recipient, string Status, string Severity, string Title, string Text, string GroupKey, IReadOnlyList<string> Fingerprints, DateTimeOffset At);
