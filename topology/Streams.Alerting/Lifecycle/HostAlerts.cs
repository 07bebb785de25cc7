namespace Streams.Alerting.Lifecycle;

/// <summary>
/// Everything the alerting topology keeps for one host, in one state-store entry: when it last
/// sent a metric window, the tags its anomalies carried, and its alerts. One entry per host keeps
/// inhibition (host-down mutes the host's other alerts) local to the task that owns the host.
/// </summary>
public sealed class HostAlerts
{
    /// <summary>Wall-clock arrival of the host's latest metric window, UTC milliseconds; 0 before the first.</summary>
    public long LastSeen { get; set; }

    public Dictionary<string, string> Tags { get; set; } = new(StringComparer.Ordinal);

    public Dictionary<string, TrackedAlert> Alerts { get; set; } = new(StringComparer.Ordinal);
}
