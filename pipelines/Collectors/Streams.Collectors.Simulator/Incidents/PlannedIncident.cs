namespace Streams.Collectors.Simulator.Incidents;

/// <summary>
/// An incident on one server from <paramref name="StartTick"/> up to, not including, <paramref name="EndTick"/>;
/// for a kind that ends in a failure (<see cref="IncidentKinds.EndsInFailure"/>) the failure is at <paramref name="EndTick"/>.
/// </summary>
/// <param name="Shape">Exponent of a slow incident's growth: 1 linear, 2 quadratic (quiet at first, then fast).</param>
internal readonly record struct PlannedIncident(int Server, IncidentKind Kind, int StartTick, int EndTick, double Shape = 1)
{
    public bool IsActive(int tick) => tick >= StartTick && tick < EndTick;

    /// <summary>
    /// How far the incident has developed at <paramref name="tick"/>, 0 to 1: a crash or an error
    /// burst is there at once, saturation and floods build up over two samples, leaks and filling
    /// disks grow linearly, a degrading part quadratically (quiet at first, then fast), a slow
    /// failure as progress to the power <see cref="Shape"/>. After its failure a full disk stays
    /// full and a saturated host saturated; a leak ends with the OOM kill.
    /// </summary>
    public double Intensity(int tick)
    {
        if (tick >= EndTick && Kind is IncidentKind.DiskExhaustion or IncidentKind.CapacitySaturation)
        {
            return 1;
        }

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
            _ when IncidentKinds.IsSlow(Kind) => Math.Pow(progress, Shape),
            _ => Math.Min(1.0, (tick - StartTick + 1) / 2.0),
        };
    }
}
