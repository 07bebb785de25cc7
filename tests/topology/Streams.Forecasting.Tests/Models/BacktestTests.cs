using Streams.Forecasting.Models;

namespace Streams.Forecasting.Tests.Models;

/// <summary>The rolling-origin backtests the forecaster chooses its model by, on hand-computed cases.</summary>
public sealed class BacktestTests
{
    [Fact]
    public void LinearFit_BacktestAbsoluteError_RefitsTheLineAtEveryOrigin()
    {
        // From origin 1 the line through (0, 0), (1, 1) is y = x: 2 is right, 10 is 7 off; from
        // origin 2 it is still y = x: 10 is 7 off again.
        Assert.Equal(14, LinearFit.BacktestAbsoluteError([0, 1, 2, 10], from: 2, steps: 2), 12);
    }

    [Fact]
    public void LinearFit_BacktestAbsoluteError_TransformedSeries_MeasuresErrorsMappedBack()
    {
        // The forecasts of the case above, mapped by e^v: from origin 1, 2 is right and 10 is forecast 3
        // (e^10 − e^3 off); from origin 2, 10 is forecast 3 again.
        var expected = 2 * (Math.Exp(10) - Math.Exp(3));

        Assert.Equal(expected, LinearFit.BacktestAbsoluteError([0, 1, 2, 10], from: 2, steps: 2, Math.Exp), 6);
    }

    [Fact]
    public void LinearFit_BacktestAbsoluteError_GapsAddNoErrorAndNoPoint()
    {
        Assert.Equal(14, LinearFit.BacktestAbsoluteError([0, 1, double.NaN, 10], from: 2, steps: 2), 12);
    }

    [Fact]
    public void ExponentialSmoothing_BacktestAbsoluteError_UpdatesTheStateWithEachValue()
    {
        // An exact line fits with φ = 1 and no error: level 19, trend 1 at the end. From before 20:
        // 20 and 21 are right; from before 21: 21 right, 22 against 30 is 8 off; from before 30: 22, 8 off.
        var fit = ExponentialSmoothing.Fit([.. Enumerable.Range(0, 20).Select(t => (double)t)], 0);

        Assert.Equal(1, fit.Phi);
        Assert.Equal(0, fit.BacktestAbsoluteError([20, 21, 22], steps: 2), 9);
        Assert.Equal(16, fit.BacktestAbsoluteError([20, 21, 30], steps: 2), 9);

        // Mapped back by doubling, the two misses of 8 are 16 each.
        Assert.Equal(32, fit.BacktestAbsoluteError([20, 21, 30], steps: 2, v => 2 * v), 9);
    }
}
