using Streams.Forecasting.Models;

namespace Streams.Forecasting.Tests.Models;

public sealed class SeasonDetectorTests
{
    private static readonly ForecastOptions Options = new();

    [Fact]
    public void Detect_TrendPlusNoise_NoSeason()
    {
        Assert.Equal(0, SeasonDetector.Detect(Synthetic.Make(500, t => 0.2 * t, noise: 1, seed: 31), Options));
    }

    [Fact]
    public void Detect_LevelStep_NoSeason()
    {
        Assert.Equal(0, SeasonDetector.Detect(Synthetic.Make(500, t => t < 300 ? 0 : 10, noise: 1, seed: 32), Options));
    }

    [Fact]
    public void Detect_OneCycleOnly_NoSeason()
    {
        // A day and a half of hourly points cannot show that a day repeats.
        Assert.Equal(0, SeasonDetector.Detect(Synthetic.Make(36, Synthetic.Daily, noise: 0.1, seed: 33), Options));
    }

    [Fact]
    public void Detect_DailyCycleAtMinuteSteps_FindsTheDayInMinutes()
    {
        var values = Synthetic.Make(1440 * 3, t => 50 + (10 * Math.Sin(2 * Math.PI * t / 1440)), noise: 2, seed: 34);

        Assert.InRange(SeasonDetector.Detect(values, Options with { MaxPeriod = 1440 * 2 }), 1410, 1470);
    }
}
