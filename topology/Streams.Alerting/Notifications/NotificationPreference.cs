using Streams.Alerting.Matching;
using io.streams.avro;

namespace Streams.Alerting.Notifications;

/// <summary>
/// How one admin or team wants to be notified: which alerts (matchers, minimum severity,
/// escalation level), over which channels, when not (quiet hours), and how alerts are grouped
/// (Alertmanager's group_by, group_wait, group_interval, repeat_interval). Stored as JSON under
/// <c>preference:&lt;id&gt;</c> in <c>alert-rules</c>; built only by <see cref="PreferenceValidator"/>.
/// </summary>
public sealed record NotificationPreference
{
    public static readonly TimeSpan DefaultGroupWait = TimeSpan.Zero;
    public static readonly TimeSpan DefaultGroupInterval = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan DefaultRepeatInterval = TimeSpan.FromHours(4);

    public required string Id { get; init; }

    public required string Name { get; init; }

    /// <summary>Whether the owner is a <c>user</c> or a <c>team</c>.</summary>
    public required string OwnerKind { get; init; }

    public required string Owner { get; init; }

    public bool Enabled { get; init; } = true;

    public required IReadOnlyList<ChannelTarget> Channels { get; init; }

    public Severity MinimumSeverity { get; init; } = Severity.INFO;

    public QuietHours? QuietHours { get; init; }

    /// <summary>All must match (an empty list matches every alert).</summary>
    public IReadOnlyList<LabelMatcher> Matchers { get; init; } = [];

    /// <summary>The escalation level from which this preference is notified: 0 from the start, 1 after the first escalation...</summary>
    public int EscalationLevel { get; init; }

    /// <summary>Labels whose values form the notification group; empty uses the alert's own group key.</summary>
    public IReadOnlyList<string> GroupBy { get; init; } = [];

    public TimeSpan GroupWait { get; init; } = DefaultGroupWait;

    public TimeSpan GroupInterval { get; init; } = DefaultGroupInterval;

    public TimeSpan RepeatInterval { get; init; } = DefaultRepeatInterval;

    public bool NotifyResolved { get; init; } = true;

    public bool NotifyAcknowledged { get; init; }
}
