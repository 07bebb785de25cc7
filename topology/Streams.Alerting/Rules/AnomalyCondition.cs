using io.streams.avro;

namespace Streams.Alerting.Rules;

/// <summary>
/// Fires on the scorer's anomalies. Anomalies only arrive while something is wrong, so the alert
/// resolves when none has matched for <see cref="ResolveAfter"/>.
/// </summary>
public sealed record AnomalyCondition
{
    public Severity MinSeverity { get; init; } = Severity.WARNING;

    /// <summary>Score over threshold at least this (1 = any anomaly the model reports).</summary>
    public double MinScoreRatio { get; init; } = 1.0;

    /// <summary>Consecutive anomalous windows at least this (the scorer counts them).</summary>
    public int MinConsecutiveWindows { get; init; } = 1;

    /// <summary>Models whose anomalies count; empty for all.</summary>
    public IReadOnlyList<string> Models { get; init; } = [];

    /// <summary>One alert per series instead of one per host.</summary>
    public bool PerSeries { get; init; }

    public TimeSpan ResolveAfter { get; init; } = TimeSpan.FromMinutes(2);
}
