using io.streams.avro;

namespace Streams.Alerting.Rules;

/// <summary>
/// An alert rule as stored (JSON) under <c>rule:&lt;id&gt;</c> in the compacted alert-rules
/// topic. Exactly one condition matches <see cref="Kind"/>.
/// </summary>
public sealed record AlertRule
{
    public string Id { get; init; } = string.Empty;

    public string Name { get; init; } = string.Empty;

    /// <summary>Set by whoever writes the rule: one more than the stored version. Alerts record it.</summary>
    public int Version { get; init; } = 1;

    public bool Enabled { get; init; } = true;

    public RuleKind Kind { get; init; }

    public Severity Severity { get; init; } = Severity.WARNING;

    public RuleScope Scope { get; init; } = new();

    /// <summary>How long the condition must hold before PENDING becomes FIRING.</summary>
    public TimeSpan For { get; init; }

    /// <summary>Raise the severity one step (and the escalation level) each time a firing alert stays unacknowledged this long; null never escalates.</summary>
    public TimeSpan? EscalateAfter { get; init; }

    /// <summary>While an alert of this rule fires, it mutes the other alerts of the same host (host-down mutes the host's CPU, disk and anomaly alerts).</summary>
    public bool InhibitsHost { get; init; }

    /// <summary>Labels the notifier groups by; the alert's group key is built from them.</summary>
    public IReadOnlyList<string> GroupBy { get; init; } = ["host"];

    /// <summary>summary, description, runbook_url; <c>{{host}}</c>, <c>{{series}}</c>, <c>{{value}}</c> are filled in.</summary>
    public IReadOnlyDictionary<string, string> Annotations { get; init; } = new Dictionary<string, string>();

    public ThresholdCondition? Threshold { get; init; }

    public AnomalyCondition? Anomaly { get; init; }

    public NoDataCondition? NoData { get; init; }

    public LogCondition? Log { get; init; }

    public ForecastCondition? Forecast { get; init; }
}
