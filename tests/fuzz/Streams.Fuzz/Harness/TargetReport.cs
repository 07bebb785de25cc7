namespace Streams.Fuzz.Harness;

/// <summary>What one run against one target did; <see cref="Findings"/> holds the first input of each distinct crash or hang.</summary>
internal sealed record TargetReport(
    string Target, long Executions, double Seconds, long Crashes, long Hangs, double SlowestMs, IReadOnlyList<Finding> Findings)
{
    public double ExecutionsPerSecond => Seconds > 0 ? Executions / Seconds : 0;

    public bool Clean => Crashes == 0 && Hangs == 0;
}
