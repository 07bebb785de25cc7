using io.streams.avro;
using Streams.Alerting.Rules;
using Streams.Evaluation.Forecast;
using Streams.Evaluation.Metrics;

namespace Streams.Evaluation.Tests.Forecast;

public sealed class ForecastRuleReplayTests
{
    private static readonly DateTime T0 = new(2026, 1, 5, 0, 0, 0, DateTimeKind.Utc);

    private static readonly AlertRule Rule = new()
    {
        Id = "svc-day",
        Name = "DiskFailingWithinADay",
        Kind = RuleKind.Forecast,
        For = TimeSpan.FromHours(2),
        Forecast = new() { Metric = "disk.svc", Horizon = TimeSpan.FromHours(24), Clear = TimeSpan.FromHours(36) },
    };

    /// <summary>A forecast made <paramref name="hour"/> hours after T0 whose expected value reaches the limit <paramref name="left"/> hours later (null: not within its horizon).</summary>
    private static io.streams.avro.Forecast At(int hour, double? left, string metric = "disk.svc") => new()
    {
        host = "db-1",
        series = metric + "{device=sda}",
        metric = metric,
        generatedAt = T0.AddHours(hour),
        origin = T0.AddHours(hour - 1),
        lastValue = 0.01,
        limit = 0.03,
        direction = ExhaustionDirection.RISING,
        stepMs = 3_600_000,
        exhaustionExpected = left is { } l ? T0.AddHours(hour + l) : null,
    };

    [Fact]
    public void Observe_HourlyForecasts_EpisodesFollowTheForDurationAndTheHysteresis()
    {
        var replay = new ForecastRuleReplay([Rule]);
        double?[] left = [20, 19, 30, null, 10, null, 5, 4, 3];
        for (var hour = 0; hour < left.Length; hour++)
        {
            replay.Observe(At(hour, left[hour]));
            replay.Observe(At(hour, 1, "fs.used.percent"));
        }

        // 0 h and 1 h agree, so it fires at 2 h, when 30 h left is held (under 36 h); nothing within
        // the horizon at 3 h clears it. At 4 h one forecast alone, cleared at 5 h, never fires.
        // From 6 h three in a row: firing at 8 h and still at the end.
        Assert.Equal(
            [new PredictionEpisode("db-1", "disk.svc{device=sda}", T0.AddHours(2), T0.AddHours(3)), new PredictionEpisode("db-1", "disk.svc{device=sda}", T0.AddHours(8), null)],
            replay.Episodes("svc-day"));
    }

    [Fact]
    public void Create_ARuleOfAnotherKind_IsRefused()
    {
        var threshold = DefaultRules.All.First(r => r.Kind == RuleKind.Threshold);

        Assert.Throws<ArgumentException>(() => new ForecastRuleReplay([Rule, threshold]));
    }
}
