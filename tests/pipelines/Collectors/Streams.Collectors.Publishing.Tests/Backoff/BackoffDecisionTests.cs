using Streams.Collectors.Publishing.Backoff;

namespace Streams.Collectors.Publishing.Tests.Backoff;

public sealed class BackoffDecisionTests
{
    private const long Max = 24_000;
    private const long Resume = 12_000;

    [Theory]
    [InlineData(false, 24_001L, true)]
    [InlineData(true, 30_000L, true)]
    [InlineData(false, 24_000L, false)]
    [InlineData(true, 20_000L, true)]
    [InlineData(false, 20_000L, false)]
    [InlineData(true, 12_000L, false)]
    [InlineData(true, 0L, false)]
    [InlineData(true, null, false)]
    public void HoldBack_LagAgainstBoundAndResumeLevel(bool holding, long? lag, bool expected) =>
        Assert.Equal(expected, BackoffDecision.HoldBack(holding, lag, Max, Resume));

    [Fact]
    public void HoldBack_LagRisesOverTheBoundThenDrains_HoldsUntilUnderTheResumeLevelThenSendsAgain()
    {
        long?[] lags = [1_000, 20_000, 25_000, 40_000, 20_000, 13_000, 11_000, 20_000, 25_000];
        var holding = false;
        var decisions = new List<bool>();
        foreach (var lag in lags)
        {
            holding = BackoffDecision.HoldBack(holding, lag, Max, Resume);
            decisions.Add(holding);
        }

        Assert.Equal([false, false, true, true, true, true, false, false, true], decisions);
    }
}
