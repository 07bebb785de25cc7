using Streams.Collectors.Agent.Sampling;

namespace Streams.Collectors.Agent.Tests;

public sealed class CounterDeltaTests
{
    [Theory]
    [InlineData(100, 250, 150)]
    [InlineData(4294967000, 704, 1000)]
    [InlineData(4294967295, 0, 1)]
    public void Compute_IncreaseOrThirtyTwoBitWrap_ReturnsTheIncrease(double previous, double current, double expected)
    {
        Assert.Equal(expected, CounterDelta.Compute(previous, current));
    }

    [Theory]
    [InlineData(98765432100, 1000)]
    [InlineData(1000000000, 5)]
    [InlineData(1000, 10)]
    public void Compute_CounterWentBackWithoutWrap_ReturnsNull(double previous, double current)
    {
        Assert.Null(CounterDelta.Compute(previous, current));
    }
}
