namespace Streams.Alerting.Lifecycle;

/// <summary>Where an alert episode is; muting and acknowledgement are overlays on FIRING.</summary>
public enum AlertPhase
{
    Pending,
    Firing,
    Resolved,
}
