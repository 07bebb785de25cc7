using Streams.Forecasting.Numerics;
using Streams.Forecasting.Models;

namespace Streams.Forecasting.Tests;

public sealed class ForecasterTests
{
    private static readonly ForecastOptions Options = new();

    [Fact]
    public void Forecast_DailyCycle_HoltWintersDetectsTheDayAndBeatsTheLineOnHeldOutData()
    {
        var all = Synthetic.Make(24 * 21, Synthetic.Daily, noise: 2, seed: 1);
        var history = all[..(24 * 18)];
        var heldOut = all.AsSpan(24 * 18);

        var forecast = Forecaster.Forecast(Synthetic.Hourly(history), heldOut.Length, Options)!;
        var line = LinearFit.Fit(history);
        var lineError = 0.0;
        for (var i = 0; i < heldOut.Length; i++)
        {
            lineError += Math.Abs(line.Predict(history.Length + i) - heldOut[i]);
        }

        lineError /= heldOut.Length;
        var error = Synthetic.MeanAbsoluteError(forecast.Points, heldOut);

        Assert.Equal(ForecastModel.HoltWinters, forecast.Model);
        Assert.Equal(24, forecast.Period);
        Assert.True(error < lineError / 3, $"Holt-Winters MAE {error:F2} vs line {lineError:F2}");
        Assert.InRange(error, 0, 2.5);
    }

    [Fact]
    public void Forecast_SaturatingShareOnALineInLogOdds_IsTheLineMappedBack()
    {
        // Ten points (the line alone) whose log-odds are −2 + 0.1 t exactly: the line in log-odds
        // forecasts −1 one step on and −0.1 ten steps on, shares (σ(z) − 0.005) / 0.99.
        var shares = Enumerable.Range(0, 10).Select(t => LogOdds.ToShare(-2 + (0.1 * t))).ToArray();

        var forecast = Forecaster.Forecast(Synthetic.Hourly(shares), 10, Options with { SaturatingShare = true })!;

        Assert.Equal(ForecastModel.Linear, forecast.Model);
        Assert.Equal(shares[^1], forecast.LastObserved);
        Assert.Equal(0.266607, forecast.Points[0].Expected, 6);
        Assert.Equal(0.474768, forecast.Points[9].Expected, 6);
    }

    [Fact]
    public void Forecast_SaturatingShareRisingLinearlyInItsOwnUnits_TheBacktestKeepsTheShareSpace()
    {
        // A share rising 0.5 % an hour to 97 %: forecast in log-odds the rise would slow toward 1,
        // which the held-out tail does not do, so the share's own units win and the forecast passes 1.
        var shares = Synthetic.Make(96, t => 0.49 + (0.005 * t), noise: 0.002, seed: 6);

        var raw = Forecaster.Forecast(Synthetic.Hourly(shares), 48, Options)!;
        var share = Forecaster.Forecast(Synthetic.Hourly(shares), 48, Options with { SaturatingShare = true })!;

        Assert.Equal(raw.Points, share.Points);
        Assert.True(share.Points[^1].Expected > 1.1, $"{share.Points[^1].Expected:F3}");
    }

    [Fact]
    public void Forecast_SaturatingShareWithADailySwingAdditiveInLogOdds_FlattensAgainstFull()
    {
        // The swing of ±1.5 in log-odds around a slow rise reaches 98 % at the last peak; in the share's
        // units an additive season keeps the whole swing and its peaks run past 100 %.
        var shares = Synthetic.Make(24 * 14, t => LogOdds.ToShare(1.5 + (0.002 * t) + (1.5 * Math.Sin(2 * Math.PI * t / 24))), noise: 0.002, seed: 7);

        var forecast = Forecaster.Forecast(Synthetic.Hourly(shares), 168, Options with { SaturatingShare = true })!;

        Assert.Equal(24, forecast.Period);
        Assert.All(forecast.Points, p => Assert.True(p.Expected < 1 && p.Lower <= p.Expected && p.Expected <= p.Upper, $"{p}"));
    }

    [Fact]
    public void Forecast_SeasonOfAnOddLength_DetectsItFromTheData()
    {
        var values = Synthetic.Make(17 * 12, t => 10 + (5 * Math.Sin(2 * Math.PI * t / 17)), noise: 0.5, seed: 2);

        var forecast = Forecaster.Forecast(Synthetic.Hourly(values), 17, Options)!;

        Assert.Equal(ForecastModel.HoltWinters, forecast.Model);
        Assert.Equal(17, forecast.Period);
    }

    [Fact]
    public void Forecast_DailyAndWeeklyCycle_ChoosesTheWeek()
    {
        // Weekends (days 5 and 6) run at a third of the weekday load.
        double Truth(int t) => 30 + ((t / 24 % 7) >= 5 ? 5 : 15) * (1 + Math.Sin(2 * Math.PI * t / 24));
        var values = Synthetic.Make(24 * 7 * 4, Truth, noise: 1, seed: 3);

        var forecast = Forecaster.Forecast(Synthetic.Hourly(values), 24, Options)!;

        Assert.Equal(168, forecast.Period);
    }

    [Fact]
    public void Forecast_LinearTrend_IsNotSeasonalAndFollowsTheSlope()
    {
        var values = Synthetic.Make(24 * 14, t => 40 + (0.1 * t), noise: 0.5, seed: 4);

        var forecast = Forecaster.Forecast(Synthetic.Hourly(values), 100, Options)!;

        Assert.Equal(0, forecast.Period);
        Assert.InRange(forecast.Points[99].Expected, 40 + (0.1 * 435) - 1.5, 40 + (0.1 * 435) + 1.5);
    }

    [Fact]
    public void Forecast_LevelStep_FollowsTheNewLevelWhereTheLineWouldKeepRising()
    {
        var values = Synthetic.Make(300, t => t < 200 ? 40 : 60, noise: 1, seed: 5);

        var forecast = Forecaster.Forecast(Synthetic.Hourly(values), 48, Options)!;

        Assert.Equal(ForecastModel.DampedTrend, forecast.Model);
        var lineMiss = Math.Abs(LinearFit.Fit(values).Predict(299 + 48) - 60);
        Assert.InRange(forecast.Points[47].Expected, 59, 61);
        Assert.True(lineMiss > 2, $"the line this test guards against misses by {lineMiss:F1}");
    }

    [Fact]
    public void Forecast_RiseThatStartsInsideTheHeldOutTail_IsFollowedNotSmeared()
    {
        // A leak, as the simulator's memory: 0.5 with a small daily swing for 200 h, then 1.5 points an
        // hour more; at t = 229 it is about 0.945, so 100 % is about 4 h away. The held-out tail (the
        // last 46 h) starts before the rise: forecast from where the fitted part ends, every model
        // sees a flat past, and a line over all 230 h reaches 1 only days later.
        var values = Synthetic.Make(230, t => 0.5 + (0.02 * Math.Sin(2 * Math.PI * t / 24)) + (t < 200 ? 0 : 0.015 * (t - 199)), noise: 0.005, seed: 6);

        var forecast = Forecaster.Forecast(Synthetic.Hourly(values), 168, Options)!;

        var full = Exhaustion.Estimate(forecast, 1, ExhaustionDirection.Rising).Expected;
        Assert.NotEqual(ForecastModel.Linear, forecast.Model);
        Assert.NotNull(full);
        Assert.InRange(full.Value.TotalHours, 1, 10);
    }

    [Fact]
    public void Forecast_WhiteNoise_FlatAtTheMeanWithoutASeason()
    {
        var values = Synthetic.Make(24 * 14, _ => 50, noise: 5, seed: 6);

        var forecast = Forecaster.Forecast(Synthetic.Hourly(values), 48, Options)!;

        Assert.Equal(0, forecast.Period);
        Assert.All(forecast.Points, p => Assert.InRange(p.Expected, 47, 53));
        Assert.All(forecast.Points, p => Assert.InRange(p.Upper - p.Lower, 2 * 1.96 * 5 * 0.8, 2 * 1.96 * 5 * 2));
    }

    [Fact]
    public void Forecast_GapsAndAHole_StillSeasonalAndAccurate()
    {
        var all = Synthetic.Make(24 * 21, Synthetic.Daily, noise: 2, seed: 7);
        var history = all[..(24 * 18)];
        var random = new Random(8);
        for (var i = 1; i < history.Length - 1; i++)
        {
            if (random.NextDouble() < 0.2 || (i >= 200 && i < 212))
            {
                history[i] = double.NaN;
            }
        }

        var forecast = Forecaster.Forecast(Synthetic.Hourly(history), 72, Options)!;

        Assert.Equal(24, forecast.Period);
        Assert.InRange(Synthetic.MeanAbsoluteError(forecast.Points, all.AsSpan(24 * 18)), 0, 3);
    }

    [Fact]
    public void Forecast_TrailingGaps_StartFromTheLastObservation()
    {
        var values = Enumerable.Range(0, 30).Select(t => t < 25 ? 10.0 + t : double.NaN).ToArray();

        var forecast = Forecaster.Forecast(Synthetic.Hourly(values), 1, Options)!;

        Assert.Equal(Synthetic.Start.AddHours(24), forecast.Origin);
        Assert.Equal(34, forecast.LastObserved);
        Assert.InRange(forecast.Points[0].Expected, 34.9, 35.1);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void Forecast_FewerThanTwoObservedPoints_IsNull(int observed)
    {
        var values = Enumerable.Range(0, 10).Select(t => t < observed ? 1.0 : double.NaN).ToArray();

        Assert.Null(Forecaster.Forecast(Synthetic.Hourly(values), 5, Options));
    }

    [Fact]
    public void Forecast_ShortHistory_FallsBackToTheLine()
    {
        var forecast = Forecaster.Forecast(Synthetic.Hourly([1, 2, 3, 4, 5, 6]), 2, Options)!;

        Assert.Equal(ForecastModel.Linear, forecast.Model);
        Assert.Equal(8, forecast.Points[1].Expected, 6);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Forecast_SeasonalHeldOut_BandCoversAboutItsNominalShare(int seed)
    {
        // 20 series × 72 held-out hours: the share inside a nominal 95 % band.
        int inside = 0, total = 0;
        for (var s = 0; s < 20; s++)
        {
            var all = Synthetic.Make(24 * 21, Synthetic.Daily, noise: 2, seed: (seed * 100) + s);
            var forecast = Forecaster.Forecast(Synthetic.Hourly(all[..(24 * 18)]), 72, Options)!;
            for (var i = 0; i < 72; i++)
            {
                var point = forecast.Points[i];
                var actual = all[(24 * 18) + i];
                inside += actual >= point.Lower && actual <= point.Upper ? 1 : 0;
                total++;
            }
        }

        Assert.InRange(inside / (double)total, 0.88, 0.995);
    }

    [Fact]
    public void Forecast_InvalidOptions_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Forecaster.Forecast(Synthetic.Hourly([1, 2, 3]), 1, new ForecastOptions { Coverage = 1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => Forecaster.Forecast(Synthetic.Hourly([1, 2, 3]), 0, Options));
    }
}
