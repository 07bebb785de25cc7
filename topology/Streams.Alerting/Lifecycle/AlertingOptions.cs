namespace Streams.Alerting.Lifecycle;

/// <summary>Lifecycle settings that are not per rule.</summary>
public sealed record AlertingOptions
{
    /// <summary>How often timers are checked: for-durations, no-data, resolve-after, acknowledgements, silences, escalation.</summary>
    public TimeSpan TickInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>An alert that started firing <see cref="FlapThreshold"/> times within this window is flapping.</summary>
    public TimeSpan FlapWindow { get; init; } = TimeSpan.FromHours(1);

    public int FlapThreshold { get; init; } = 4;

    /// <summary>Anomaly ids kept per alert as evidence (the newest).</summary>
    public int MaxAnomalyIds { get; init; } = 20;

    public void Validate()
    {
        if (TickInterval <= TimeSpan.Zero || FlapWindow <= TimeSpan.Zero || FlapThreshold < 2 || MaxAnomalyIds < 1)
        {
            throw new ArgumentException("Alerting: TickInterval and FlapWindow must be positive, FlapThreshold at least 2, MaxAnomalyIds at least 1.");
        }
    }
}
