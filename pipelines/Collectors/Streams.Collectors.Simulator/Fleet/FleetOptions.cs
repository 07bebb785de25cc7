using Streams.Collectors.Simulator.Incidents;

namespace Streams.Collectors.Simulator.Fleet;

/// <summary>What to simulate. Equal options give equal samples, logs and labels.</summary>
public sealed record FleetOptions
{
    public const int MaxServers = 100_000;

    /// <summary>Number of virtual servers, 1 to <see cref="MaxServers"/>.</summary>
    public int Servers { get; init; } = 100;

    /// <summary>Seed of every random choice: roles, baselines, noise, incidents.</summary>
    public long Seed { get; init; } = 1;

    /// <summary>Simulated time of the first sample.</summary>
    public DateTimeOffset Start { get; init; } = new(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Simulated time between two samples of a server (the agent's collection interval).</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Number of samples per series (collection rounds).</summary>
    public int Ticks { get; init; } = 100;

    /// <summary>Share of servers that suffer one incident during the run, 0 to 1.</summary>
    public double IncidentFraction { get; init; } = 0.05;

    /// <summary>The kinds an incident is drawn from (<see cref="IncidentKinds.Fast"/> by default; <see cref="IncidentKinds.Slow"/> for failures that build up over hours to days).</summary>
    public IReadOnlyList<IncidentKind> Kinds { get; init; } = IncidentKinds.Fast;

    /// <summary>
    /// Simulated time before which no incident starts, so that the models have learnt every host
    /// first (a tenth of the run at least, as always). Steady-state detection, not a cold start.
    /// </summary>
    public TimeSpan IncidentsAfter { get; init; } = TimeSpan.Zero;

    /// <summary>The first tick an incident may start at, from <see cref="IncidentsAfter"/>.</summary>
    internal int IncidentsAfterTicks => (int)Math.Ceiling(IncidentsAfter / Interval);

    /// <summary>Throws when an option is out of range, with a message that names it.</summary>
    public void Validate()
    {
        if (Servers is < 1 or > MaxServers)
        {
            throw new ArgumentOutOfRangeException(nameof(Servers), Servers, $"Servers must be between 1 and {MaxServers:N0}.");
        }

        if (Interval < TimeSpan.FromMilliseconds(100))
        {
            throw new ArgumentOutOfRangeException(nameof(Interval), Interval, "Interval must be at least 100 ms.");
        }

        if (Ticks < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(Ticks), Ticks, "At least one collection round is needed.");
        }

        if (IncidentFraction is < 0 or > 1 || double.IsNaN(IncidentFraction))
        {
            throw new ArgumentOutOfRangeException(nameof(IncidentFraction), IncidentFraction, "The incident fraction must be between 0 and 1.");
        }

        if (IncidentsAfter < TimeSpan.Zero || (IncidentFraction > 0 && IncidentsAfter > TimeSpan.Zero && IncidentsAfterTicks > Ticks - IncidentPlanner.MinimumTicks))
        {
            throw new ArgumentOutOfRangeException(nameof(IncidentsAfter), IncidentsAfter, $"IncidentsAfter must be at least 0 and leave {IncidentPlanner.MinimumTicks} collection rounds of the run's {Ticks} for the incidents.");
        }

        if (Kinds is null || Kinds.Count == 0 || Kinds.Any(k => !Enum.IsDefined(k)))
        {
            throw new ArgumentOutOfRangeException(nameof(Kinds), "At least one incident kind is needed, and only defined ones.");
        }
    }
}
