namespace Streams.Alerting.Silences;

/// <summary>
/// Mutes the alerts its matchers select (every matcher must match the alert's labels), as
/// Alertmanager's silences do: one-off between <see cref="StartsAt"/> and <see cref="EndsAt"/>,
/// or recurring (maintenance windows) within those bounds. Stored as JSON under
/// <c>silence:&lt;id&gt;</c> in the alert-rules topic.
/// </summary>
public sealed record Silence
{
    public string Id { get; init; } = string.Empty;

    /// <summary>Matchers in Alertmanager's syntax: <c>host="web-1"</c>, <c>alertname=~"Cpu.*"</c>.</summary>
    public IReadOnlyList<string> Matchers { get; init; } = [];

    public DateTimeOffset StartsAt { get; init; }

    /// <summary>End of the silence (or of its recurrence); null for a recurring silence without end.</summary>
    public DateTimeOffset? EndsAt { get; init; }

    public SilenceRecurrence? Recurrence { get; init; }

    public string CreatedBy { get; init; } = string.Empty;

    public string Comment { get; init; } = string.Empty;
}
