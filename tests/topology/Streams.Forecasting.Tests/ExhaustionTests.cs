namespace Streams.Forecasting.Tests;

public sealed class ExhaustionTests
{
    private static readonly ForecastOptions Options = new();

    [Fact]
    public void Estimate_LinearFill_ExpectedWithinThreePercentOfTheTruth()
    {
        // 0.1 %/h from 40 %: the last point (t = 335) is at 73.5 %, so 100 % comes 265 h later.
        var values = Synthetic.Make(24 * 14, t => 40 + (0.1 * t), noise: 0.5, seed: 11);
        var forecast = Forecaster.Forecast(Synthetic.Hourly(values), 24 * 30, Options)!;

        var exhaustion = Exhaustion.Estimate(forecast, 100, ExhaustionDirection.Rising);

        Assert.InRange(exhaustion.Expected!.Value.TotalHours, 265 * 0.97, 265 * 1.03);
        Assert.True(exhaustion.Earliest < exhaustion.Expected);
        Assert.True(exhaustion.Latest is null || exhaustion.Latest > exhaustion.Expected);
    }

    [Fact]
    public void Estimate_FreeBytesFalling_CrossesZero()
    {
        // 500 GB free, 1 GB/h less, over 10 days with a daily cycle of writes: 260 GB left at t = 239.
        var values = Synthetic.Make(240, t => 500 - t - (3 * Math.Sin(2 * Math.PI * t / 24)), noise: 0.3, seed: 12);
        var forecast = Forecaster.Forecast(Synthetic.Hourly(values), 24 * 20, Options)!;

        var exhaustion = Exhaustion.Estimate(forecast, 0, ExhaustionDirection.Falling);

        Assert.InRange(exhaustion.Expected!.Value.TotalHours, 261 * 0.95, 261 * 1.05);
        Assert.True(exhaustion.Earliest <= exhaustion.Expected);
    }

    [Fact]
    public void Estimate_FlatSeries_NeverExhausts()
    {
        var constant = Forecaster.Forecast(Synthetic.Hourly(Enumerable.Repeat(50.0, 24 * 14).ToArray()), 24 * 30, Options)!;
        var noisy = Forecaster.Forecast(Synthetic.Hourly(Synthetic.Make(24 * 14, _ => 50, noise: 2, seed: 13)), 24 * 30, Options)!;

        Assert.Equal(new Exhaustion(null, null, null), Exhaustion.Estimate(constant, 100, ExhaustionDirection.Rising));
        Assert.Equal(new Exhaustion(null, null, null), Exhaustion.Estimate(noisy, 100, ExhaustionDirection.Rising));
    }

    [Fact]
    public void Estimate_AlreadyBeyondTheLimit_IsNow()
    {
        var forecast = Forecaster.Forecast(Synthetic.Hourly([90, 95, 100]), 5, Options)!;

        Assert.Equal(TimeSpan.Zero, Exhaustion.Estimate(forecast, 100, ExhaustionDirection.Rising).Expected);
    }

    [Fact]
    public void Estimate_CrossingBetweenSteps_IsInterpolated()
    {
        // A perfect line 10, 20, 30 per hour: 45 is reached 1.5 h after the last point.
        var forecast = Forecaster.Forecast(Synthetic.Hourly([10, 20, 30]), 5, Options)!;

        Assert.Equal(1.5, Exhaustion.Estimate(forecast, 45, ExhaustionDirection.Rising).Expected!.Value.TotalHours, 6);
    }

    [Fact]
    public void Estimate_LimitNotFinite_Throws()
    {
        var forecast = Forecaster.Forecast(Synthetic.Hourly([1, 2, 3]), 1, Options)!;

        Assert.Throws<ArgumentOutOfRangeException>(() => Exhaustion.Estimate(forecast, double.NaN, ExhaustionDirection.Rising));
    }
}
