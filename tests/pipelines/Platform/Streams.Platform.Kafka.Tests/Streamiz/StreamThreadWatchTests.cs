using Streams.Platform.Kafka.Streamiz;

namespace Streams.Platform.Kafka.Tests.Streamiz;

public sealed class StreamThreadWatchTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Stalled_PollCountKeepsRising_Null()
    {
        var watch = new StreamThreadWatch(TimeSpan.FromSeconds(30));

        for (var i = 0; i < 10; i++)
        {
            Assert.Null(watch.Stalled(Polls(("t1", i * 100)), Start.AddSeconds(i * 20)));
        }
    }

    [Fact]
    public void Stalled_PollCountStillLongerThanTheStallTime_ThatThread()
    {
        var watch = new StreamThreadWatch(TimeSpan.FromSeconds(30));
        watch.Stalled(Polls(("t1", 5), ("t2", 7)), Start);

        Assert.Null(watch.Stalled(Polls(("t1", 5), ("t2", 9)), Start.AddSeconds(30)));
        Assert.Equal("t1", watch.Stalled(Polls(("t1", 5), ("t2", 11)), Start.AddSeconds(31)));
    }

    [Fact]
    public void Stalled_ThreadGoneAndBackWithTheSameCount_CountedFromItsReturn()
    {
        var watch = new StreamThreadWatch(TimeSpan.FromSeconds(30));
        watch.Stalled(Polls(("t1", 5)), Start);
        watch.Stalled(Polls(), Start.AddSeconds(20));

        Assert.Null(watch.Stalled(Polls(("t1", 5)), Start.AddSeconds(40)));
        Assert.Equal("t1", watch.Stalled(Polls(("t1", 5)), Start.AddSeconds(71)));
    }

    private static Dictionary<string, double> Polls(params (string Thread, double Count)[] counts) =>
        counts.ToDictionary(c => c.Thread, c => c.Count);
}
