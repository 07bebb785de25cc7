using Streams.Evaluation.Metrics;

namespace Streams.Evaluation.Tests.Metrics;

public sealed class SlidingWindowTests
{
    [Fact]
    public void Estimate_SineOfPeriod50_IsItsPeriod()
    {
        // The autocorrelation of a sine peaks at every multiple of its period, the first peak highest
        // (autocovariances are over n, so later lags sum fewer terms): lag 50.
        var values = Enumerable.Range(0, 5_000).Select(t => Math.Sin(2 * Math.PI * t / 50)).ToArray();

        Assert.Equal(50, SlidingWindow.Estimate(values));
    }

    [Fact]
    public void Estimate_ConstantSeries_FallsBackTo125()
    {
        Assert.Equal(SlidingWindow.Fallback, SlidingWindow.Estimate(Enumerable.Repeat(3.0, 1_000).ToArray()));
    }

    [Fact]
    public void Estimate_PeriodBeyond300_FallsBackTo125()
    {
        // Period 350: the only local maximum within lags 3–400 is at 350, past TSB-AD's 300 limit.
        var values = Enumerable.Range(0, 5_000).Select(t => Math.Sin(2 * Math.PI * t / 350)).ToArray();

        Assert.Equal(SlidingWindow.Fallback, SlidingWindow.Estimate(values));
    }
}
