using io.streams.avro;

namespace Streams.Alerting.Lifecycle;

/// <summary>One alert as the lifecycle keeps it between records (in the host's state-store entry). Times are UTC milliseconds.</summary>
public sealed class TrackedAlert
{
    public string Fingerprint { get; set; } = string.Empty;

    public string RuleId { get; set; } = string.Empty;

    public int RuleVersion { get; set; }

    public Severity BaseSeverity { get; set; } = Severity.WARNING;

    public Dictionary<string, string> Labels { get; set; } = new(StringComparer.Ordinal);

    public Dictionary<string, string> Annotations { get; set; } = new(StringComparer.Ordinal);

    public string GroupKey { get; set; } = string.Empty;

    public AlertPhase Phase { get; set; }

    public long StartsAt { get; set; }

    public long? FiredAt { get; set; }

    public long? EndsAt { get; set; }

    public long LastMatchAt { get; set; }

    public double? Value { get; set; }

    public List<string> AnomalyIds { get; set; } = [];

    public string? AcknowledgedBy { get; set; }

    public string? MutedBy { get; set; }

    public int EscalationLevel { get; set; }

    public long? LastEscalatedAt { get; set; }

    /// <summary>When the alert started firing, over the flap window: many entries mean it flaps.</summary>
    public List<long> FiringStarts { get; set; } = [];

    public bool Flapping { get; set; }

    /// <summary>The state last written to alerts, with the escalation level and flapping flag, so only changes are written.</summary>
    public AlertState EmittedState { get; set; } = AlertState.UNKNOWN;

    public int EmittedEscalation { get; set; }

    public bool EmittedFlapping { get; set; }
}
