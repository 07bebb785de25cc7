namespace Streams.Collectors.Simulator.Incidents;

/// <summary>An incident on one server from <paramref name="StartTick"/> up to, not including, <paramref name="EndTick"/>.</summary>
internal readonly record struct PlannedIncident(int Server, IncidentKind Kind, int StartTick, int EndTick)
{
    public bool IsActive(int tick) => tick >= StartTick && tick < EndTick;

    /// <summary>
    /// How far the incident has developed at <paramref name="tick"/>, 0 to 1: a crash or an error
    /// burst is there at once, saturation and floods build up over two samples, leaks and filling
    /// disks grow linearly, a degrading part quadratically (quiet at first, then fast).
    /// </summary>
    public double Intensity(int tick)
    {
        if (!IsActive(tick))
        {
            return 0;
        }

        var progress = (tick - StartTick + 1) / (double)(EndTick - StartTick);
        return Kind switch
        {
            IncidentKind.MemoryLeak or IncidentKind.DiskFilling => progress,
            IncidentKind.HardwareDegradation => progress * progress,
            IncidentKind.CrashedProcess or IncidentKind.LogErrorBurst => 1,
            _ => Math.Min(1.0, (tick - StartTick + 1) / 2.0),
        };
    }
}
