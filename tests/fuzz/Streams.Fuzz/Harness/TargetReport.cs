namespace Streams.Fuzz.Harness;

/// <summary>
/// What one run against one target did; <see cref="Findings"/> holds the first input of each
/// distinct crash or hang. <see cref="CpuSeconds"/> is the process's CPU time over the run (GC
/// included): on a shared machine executions per CPU-second say more than per wall-clock second.
/// </summary>
internal sealed record TargetReport(
    string Target, long Executions, double Seconds, double CpuSeconds, long Crashes, long Hangs, double SlowestMs, IReadOnlyList<Finding> Findings)
{
    public double ExecutionsPerSecond => Seconds > 0 ? Executions / Seconds : 0;

    public double ExecutionsPerCpuSecond => CpuSeconds > 0 ? Executions / CpuSeconds : 0;

    public bool Clean => Crashes == 0 && Hangs == 0;
}
