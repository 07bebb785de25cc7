namespace Streams.Alerting.Silences;

/// <summary>A recurring maintenance window: every occurrence of <see cref="Cron"/> (five fields, in <see cref="TimeZone"/>) opens a window of <see cref="Duration"/>.</summary>
public sealed record SilenceRecurrence
{
    public string Cron { get; init; } = string.Empty;

    public TimeSpan Duration { get; init; }

    /// <summary>An IANA time zone such as Europe/Paris; UTC when empty.</summary>
    public string TimeZone { get; init; } = "UTC";
}
