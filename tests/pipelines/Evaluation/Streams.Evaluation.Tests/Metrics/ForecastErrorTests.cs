using Streams.Evaluation.Metrics;

namespace Streams.Evaluation.Tests.Metrics;

public sealed class ForecastErrorTests
{
    [Fact]
    public void NaiveScale_MeanAbsoluteStepOverObservedPairs()
    {
        Assert.Equal(1, ForecastError.NaiveScale([1, 2, 4, 4]), 12);
        Assert.Equal(2, ForecastError.NaiveScale([1, double.NaN, 3, 5]), 12);
        Assert.True(double.IsNaN(ForecastError.NaiveScale([7])));
    }

    [Fact]
    public void Mase_MeanAbsoluteErrorOverTheScale()
    {
        Assert.Equal(1.5, ForecastError.Mase([5, 6], [4, 8], scale: 1), 12);
        Assert.Equal(0.75, ForecastError.Mase([5, 6, double.NaN], [4, 8, 3], scale: 2), 12);
        Assert.True(double.IsNaN(ForecastError.Mase([5], [4], scale: 0)));
    }

    [Fact]
    public void Smape_SymmetricAndZeroWhereBothAreZero()
    {
        var expected = ((2.0 * 1 / 9) + (2.0 * 2 / 14) + 0) / 3;

        Assert.Equal(expected, ForecastError.Smape([5, 6, 0], [4, 8, 0]), 12);
        Assert.Equal(ForecastError.Smape([4, 8], [5, 6]), ForecastError.Smape([5, 6], [4, 8]), 12);
        Assert.Throws<ArgumentException>(() => ForecastError.Smape([1, 2], [1]));
    }
}
