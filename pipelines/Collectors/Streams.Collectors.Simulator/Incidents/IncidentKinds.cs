namespace Streams.Collectors.Simulator.Incidents;

/// <summary>The incident kinds by pace: fast ones last a share of a run, slow ones build up over hours to days and end in a labelled failure.</summary>
public static class IncidentKinds
{
    /// <summary>What <c>streams simulate</c> injects by default, in the planner's order (which the seed's choices depend on).</summary>
    public static IReadOnlyList<IncidentKind> Fast { get; } =
    [
        IncidentKind.CpuSaturation,
        IncidentKind.MemoryLeak,
        IncidentKind.DiskFilling,
        IncidentKind.NetworkFlood,
        IncidentKind.CrashedProcess,
        IncidentKind.HardwareDegradation,
        IncidentKind.LogErrorBurst,
    ];

    /// <summary>Slow failures whose moment of failure is the label's <c>failureAt</c>.</summary>
    public static IReadOnlyList<IncidentKind> Slow { get; } =
    [
        IncidentKind.DiskExhaustion,
        IncidentKind.MemoryExhaustion,
        IncidentKind.HardwareFailure,
        IncidentKind.CapacitySaturation,
    ];

    public static bool IsSlow(IncidentKind kind) => kind >= IncidentKind.DiskExhaustion;

    /// <summary>Whether the incident ends in a failure at its end: every slow kind, and the fast hardware degradation whose host goes silent.</summary>
    public static bool EndsInFailure(IncidentKind kind) => IsSlow(kind) || kind == IncidentKind.HardwareDegradation;

    /// <summary>Parses a comma-separated list of kind names (case-insensitive), or <c>fast</c> / <c>slow</c> for the sets.</summary>
    /// <exception cref="ArgumentException">A name is no kind.</exception>
    public static IReadOnlyList<IncidentKind> Parse(string text)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        var kinds = new List<IncidentKind>();
        foreach (var name in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (name.Equals("fast", StringComparison.OrdinalIgnoreCase))
            {
                kinds.AddRange(Fast);
            }
            else if (name.Equals("slow", StringComparison.OrdinalIgnoreCase))
            {
                kinds.AddRange(Slow);
            }
            else if (Enum.TryParse<IncidentKind>(name, ignoreCase: true, out var kind) && Enum.IsDefined(kind) && !int.TryParse(name, out _))
            {
                kinds.Add(kind);
            }
            else
            {
                throw new ArgumentException($"'{name}' is no incident kind; use fast, slow or any of {string.Join(", ", Enum.GetNames<IncidentKind>())}.", nameof(text));
            }
        }

        return [.. kinds.Distinct()];
    }
}
