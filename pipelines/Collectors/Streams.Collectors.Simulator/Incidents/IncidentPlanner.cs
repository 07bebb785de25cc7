using Streams.Collectors.Simulator.Fleet;

namespace Streams.Collectors.Simulator.Incidents;

/// <summary>Decides, from the seed alone, which servers fail, how and when.</summary>
internal static class IncidentPlanner
{
    private const long Purpose = 2;

    // Below this many samples an incident has no room for a before, a during and an after.
    internal const int MinimumTicks = 8;
    private const int MinimumLength = 3;

    private static readonly IncidentKind[] Kinds = Enum.GetValues<IncidentKind>();

    /// <summary>At most one incident per server; a server is hit with probability <paramref name="fraction"/>.</summary>
    public static PlannedIncident?[] Plan(long seed, int servers, int ticks, double fraction)
    {
        var plan = new PlannedIncident?[servers];
        if (ticks < MinimumTicks || fraction <= 0)
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

            var kind = Kinds[random.Next(Kinds.Length)];
            var share = kind is IncidentKind.MemoryLeak or IncidentKind.DiskFilling or IncidentKind.HardwareDegradation
                ? random.Uniform(0.2, 0.5)
                : random.Uniform(0.05, 0.2);
            var length = Math.Max(MinimumLength, (int)(share * ticks));
            var earliest = Math.Max(1, ticks / 10);
            var latest = Math.Max(earliest, ticks - length - 1);
            var start = earliest + random.Next(latest - earliest + 1);
            plan[server] = new PlannedIncident(server, kind, start, Math.Min(ticks, start + length));
        }

        return plan;
    }
}
