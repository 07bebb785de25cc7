using System.Diagnostics.CodeAnalysis;

namespace Streams.Alerting.Notifications;

/// <summary>A parsed preference, or every reason it was rejected (each <c>path: problem</c>).</summary>
public sealed record PreferenceParseResult(NotificationPreference? Preference, IReadOnlyList<string> Errors)
{
    [MemberNotNullWhen(true, nameof(Preference))]
    public bool IsValid => Preference is not null;
}
