using Streams.Sinks.ClickHouse.Consuming;

namespace Streams.Sinks.ClickHouse.Tests.Consuming;

public sealed class RecentRecordsTests
{
    private static readonly byte[] A = [1, 2, 3];
    private static readonly byte[] B = [1, 2, 4];
    private static readonly byte[] C = [9];

    [Fact]
    public void Repeats_ValueSeenWithinTheLookback_True()
    {
        var recent = new RecentRecords(2);

        Assert.False(recent.Repeats(A));
        Assert.False(recent.Repeats(B));
        Assert.True(recent.Repeats(A));
        Assert.True(recent.Repeats([1, 2, 3]));
    }

    [Fact]
    public void Repeats_ValueOlderThanTheLookback_FalseAndRememberedAgain()
    {
        var recent = new RecentRecords(2);
        recent.Repeats(A);
        recent.Repeats(B);

        Assert.False(recent.Repeats(C));
        Assert.False(recent.Repeats(A));
        Assert.True(recent.Repeats(A));
        Assert.False(recent.Repeats(B));
    }
}
