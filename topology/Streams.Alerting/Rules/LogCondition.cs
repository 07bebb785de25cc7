namespace Streams.Alerting.Rules;

/// <summary>
/// Fires when an application's log window holds at least <see cref="MinCount"/> lines at or above
/// <see cref="MinSeverity"/>, or, with <see cref="NewTemplate"/>, when a line of a template never
/// seen before appears. One alert per host and application.
/// </summary>
public sealed record LogCondition
{
    /// <summary>A LogRecord severity name (EMERGENCY … DEBUG); lines at it or more severe count.</summary>
    public string MinSeverity { get; init; } = "ERROR";

    public int MinCount { get; init; } = 1;

    /// <summary>Optional glob on the application name.</summary>
    public string? App { get; init; }

    public bool NewTemplate { get; init; }

    /// <summary>For new-template rules, which have no "back to normal" window: resolve after this long without a new template.</summary>
    public TimeSpan ResolveAfter { get; init; } = TimeSpan.FromMinutes(10);
}
