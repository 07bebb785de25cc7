using Streams.Collectors.Simulator.Fleet;

namespace Streams.Collectors.Simulator.Incidents;

/// <summary>Decides, from the seed alone, which servers fail, how and when.</summary>
internal static class IncidentPlanner
{
    private const long Purpose = 2;

    // Below this many samples an incident has no room for a before, a during and an after.
    internal const int MinimumTicks = 8;
    private const int MinimumLength = 3;

    /// <summary>At most one incident per server, of one of <paramref name="kinds"/>; a server is hit with probability <paramref name="fraction"/>.</summary>
    /// <param name="notBefore">The first tick an incident may start at (0: a tenth into the run, as always); the choices drawn from the seed stay the same.</param>
    public static PlannedIncident?[] Plan(long seed, int servers, int ticks, double fraction, IReadOnlyList<IncidentKind> kinds, int notBefore = 0)
    {
        ArgumentNullException.ThrowIfNull(kinds);
        var plan = new PlannedIncident?[servers];
        if (ticks < MinimumTicks || fraction <= 0 || kinds.Count == 0)
        {
            return plan;
        }

        for (var server = 0; server < servers; server++)
        {
            var random = new FastRandom(FastRandom.Derive(seed, server, Purpose));
            if (random.NextDouble() >= fraction)
            {
                continue;
            }

            var kind = kinds[random.Next(kinds.Count)];
            plan[server] = IncidentKinds.IsSlow(kind) ? Slow(ref random, server, kind, ticks, notBefore) : Fast(ref random, server, kind, ticks, notBefore);
        }

        return plan;
    }

    private static PlannedIncident Fast(ref FastRandom random, int server, IncidentKind kind, int ticks, int notBefore)
    {
        var share = kind is IncidentKind.MemoryLeak or IncidentKind.DiskFilling or IncidentKind.HardwareDegradation
            ? random.Uniform(0.2, 0.5)
            : random.Uniform(0.05, 0.2);
        var length = Math.Max(MinimumLength, (int)(share * ticks));
        var earliest = Math.Max(Math.Max(1, ticks / 10), notBefore);
        var latest = Math.Max(earliest, ticks - length - 1);
        var start = earliest + random.Next(latest - earliest + 1);
        return new PlannedIncident(server, kind, start, Math.Min(ticks, start + length));
    }

    /// <summary>
    /// The failure falls in the run's last 60 % (so a forecaster has healthy history before it and
    /// the aftermath shows), after a build-up of 4 % to 35 % of the run (13 h to 5 days of a
    /// two-week run); the growth is linear to quadratic (<see cref="PlannedIncident.Shape"/>), so a
    /// straight line is not always right.
    /// </summary>
    private static PlannedIncident Slow(ref FastRandom random, int server, IncidentKind kind, int ticks, int notBefore)
    {
        var failure = Math.Min(ticks - 1, (int)(ticks * random.Uniform(0.4, 0.95)));
        var length = Math.Max(MinimumLength, (int)(ticks * random.Uniform(0.04, 0.35)));
        failure = Math.Max(failure, Math.Min(ticks - 1, notBefore + MinimumLength));
        var start = Math.Max(Math.Max(1, notBefore), failure - length);
        var shape = kind == IncidentKind.HardwareFailure ? 2 : random.Uniform(1, 2);
        return new PlannedIncident(server, kind, start, failure, shape);
    }
}
