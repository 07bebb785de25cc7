namespace Streams.Alerting.Lifecycle;

/// <summary>An admin took an alert: stored as JSON under <c>ack:&lt;fingerprint&gt;</c> in the alert-rules topic. It holds for the episode that was active when it was given.</summary>
public sealed record Acknowledgement
{
    public string Fingerprint { get; init; } = string.Empty;

    public string By { get; init; } = string.Empty;

    public DateTimeOffset At { get; init; }

    public string Comment { get; init; } = string.Empty;
}
