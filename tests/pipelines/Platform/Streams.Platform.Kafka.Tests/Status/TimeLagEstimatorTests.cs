using Streams.Platform.Kafka.Status;

namespace Streams.Platform.Kafka.Tests.Status;

public sealed class TimeLagEstimatorTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 7, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Behind_GroupStuckWhileTheTopicGrows_TimeSinceTheEndPassedItsCommittedOffset()
    {
        var estimator = new TimeLagEstimator(TimeSpan.FromHours(1));
        // 100 records every 5 s; the group stops at offset 250, written between 10 and 15 s.
        for (var i = 0; i <= 12; i++)
        {
            estimator.Observe(Lag(end: 100 * i, committed: Math.Min(100 * i, 250)), Start.AddSeconds(5 * i));
        }

        var behind = estimator.Behind(Lag(end: 1200, committed: 250), Start.AddSeconds(60));

        Assert.Equal(TimeSpan.FromSeconds(45), behind);
    }

    [Fact]
    public void Behind_CaughtUp_Zero()
    {
        var estimator = new TimeLagEstimator(TimeSpan.FromHours(1));
        estimator.Observe(Lag(end: 100, committed: 100), Start);
        estimator.Observe(Lag(end: 200, committed: 200), Start.AddSeconds(5));

        Assert.Equal(TimeSpan.Zero, estimator.Behind(Lag(end: 200, committed: 200), Start.AddSeconds(5)));
    }

    [Fact]
    public void Behind_CommittedOlderThanTheHistoryKept_AtLeastTheHistory()
    {
        var estimator = new TimeLagEstimator(TimeSpan.FromSeconds(30));
        for (var i = 0; i <= 20; i++)
        {
            estimator.Observe(Lag(end: 1000 + (100 * i), committed: 10), Start.AddSeconds(5 * i));
        }

        var behind = estimator.Behind(Lag(end: 3000, committed: 10), Start.AddSeconds(100));

        // The oldest sample kept is the one just outside the 30 s span: 35 s before the last.
        Assert.Equal(TimeSpan.FromSeconds(35), behind);
    }

    private static TopicLag Lag(long end, long committed) => new("streams-processor", "metrics.raw", [new PartitionLag(0, end, committed)]);
}
