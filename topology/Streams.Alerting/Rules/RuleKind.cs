namespace Streams.Alerting.Rules;

/// <summary>What a rule watches.</summary>
public enum RuleKind
{
    /// <summary>A statistic of a metric's windows against a value, with a clear value for hysteresis.</summary>
    Threshold,

    /// <summary>Anomalies from the scorer at or above a severity and score ratio.</summary>
    Anomaly,

    /// <summary>A host that stopped sending metric windows.</summary>
    NoData,

    /// <summary>Log lines at or above a severity per window, or a log template never seen before.</summary>
    Log,

    /// <summary>A forecast that reaches the resource's limit within a horizon (time to exhaustion).</summary>
    Forecast,
}
