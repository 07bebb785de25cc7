namespace Streams.System.Tests;

/// <summary>What the simulator saw acknowledged against what <c>metrics_raw</c> and the dead letters hold.</summary>
internal sealed record SampleCount(long Acknowledged, long Written, long Distinct, long DeadLetters)
{
    public long Lost => Acknowledged - Distinct - DeadLetters;

    public long Duplicated => Written - Distinct;

    /// <summary>How long after the load the count was taken.</summary>
    public TimeSpan CaughtUpAfter { get; init; }
}
