using io.streams.avro;
using Streams.Alerting.Evaluation;
using Streams.Alerting.Lifecycle;
using Streams.Alerting.Rules;
using Streams.Alerting.Tests.Lifecycle;

namespace Streams.Alerting.Tests.Evaluation;

/// <summary>The forecast rule kind: validation, verdicts from forecasts, and its lifecycle (fires once, clears with hysteresis, escalates).</summary>
public sealed class ForecastRuleTests
{
    private static readonly DateTime Now = DateTimeOffset.FromUnixTimeMilliseconds(LifecycleFixture.At(0)).UtcDateTime;

    private static AlertRule Rule(ForecastBound bound = ForecastBound.Expected, double? limit = null) => new()
    {
        Id = "fs-forecast",
        Name = "FilesystemFillsSoon",
        Kind = RuleKind.Forecast,
        Severity = Severity.WARNING,
        EscalateAfter = TimeSpan.FromHours(1),
        Forecast = new() { Metric = "fs.used.percent", Series = "fs.used.percent{mount=/*}", Limit = limit, Horizon = TimeSpan.FromHours(24), Clear = TimeSpan.FromHours(36), Bound = bound },
        Annotations = new Dictionary<string, string> { ["summary"] = "{{series}} on {{host}} full in {{value}}" },
    };

    /// <summary>A linear fill from 0.5 at <paramref name="generatedAt"/> by <paramref name="perHour"/> an hour, band ± 0.05, 7 days of hourly points, exhaustion at 1.</summary>
    private static Forecast Fill(double perHour, DateTime generatedAt, string series = "fs.used.percent{mount=/}")
    {
        DateTime? Reaches(double start) => perHour > 0 && (1 - start) / perHour <= 168 ? generatedAt.AddHours((1 - start) / perHour) : null;
        return new Forecast
        {
            host = LifecycleFixture.Host, series = series, metric = "fs.used.percent", generatedAt = generatedAt, origin = generatedAt, lastValue = 0.5,
            model = ForecastModel.LINEAR, stepMs = 3_600_000, coverage = 0.95, limit = 1, direction = ExhaustionDirection.RISING,
            exhaustionExpected = Reaches(0.5), exhaustionEarliest = Reaches(0.55), exhaustionLatest = Reaches(0.45),
            points = [.. Enumerable.Range(1, 168).Select(h => new ForecastPoint { at = generatedAt.AddHours(h), expected = 0.5 + (perHour * h), lower = 0.45 + (perHour * h), upper = 0.55 + (perHour * h) })],
        };
    }

    [Fact]
    public void Validate_ForecastRuleProblems_EachWithItsField()
    {
        var errors = RuleValidator.Validate(Rule() with { Forecast = new() { Metric = "", Horizon = TimeSpan.FromMinutes(5), Clear = TimeSpan.FromMinutes(1), Limit = double.NaN } });

        Assert.Contains(errors, e => e.StartsWith("forecast.metric:", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("forecast.horizon: 5m", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("forecast.clear: 1m", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("forecast.limit:", StringComparison.Ordinal));
        Assert.Empty(RuleValidator.Validate(Rule()));
        Assert.Contains(RuleValidator.Validate(Rule() with { Forecast = null }), e => e.StartsWith("forecast: required", StringComparison.Ordinal));
    }

    [Fact]
    public void RuleJson_ForecastRule_RoundTrips()
    {
        var json = RuleJson.Serialize(Rule(ForecastBound.Upper));

        Assert.Contains("\"kind\":\"forecast\"", json, StringComparison.Ordinal);
        Assert.Contains("\"bound\":\"upper\"", json, StringComparison.Ordinal);
        Assert.Equal(Rule(ForecastBound.Upper).Forecast, RuleJson.Parse(json, out _)!.Forecast);
    }

    [Fact]
    public void OnForecast_ExpectedWithin_MatchesWithHoursLeftAndTheBand()
    {
        // 0.025 an hour from 0.5: full in 20 h (upper bound in 18 h).
        var observation = Assert.Single(RuleEvaluator.OnForecast(Fill(0.025, Now), new HostAlerts(), [Rule()], LifecycleFixture.At(0)));

        Assert.Equal(Verdict.Match, observation.Verdict);
        Assert.Equal(20, observation.Value!.Value, 6);
        Assert.Equal("fs.used.percent{mount=/}", observation.Identity[AlertLabels.Series]);
        Assert.Contains("between", observation.Details!["band"], StringComparison.Ordinal);
    }

    [Fact]
    public void OnForecast_BoundAndOwnLimit_JudgeTheRightCrossing()
    {
        // 0.0125 an hour: expected full in 40 h (beyond 24 h, inside the 36 h clear: Hold), upper bound in 36 h.
        var slow = Fill(0.0125, Now);
        var host = new HostAlerts();

        Assert.Equal(Verdict.Clear, RuleEvaluator.OnForecast(slow, host, [Rule()], LifecycleFixture.At(0)).Single().Verdict);
        Assert.Equal(Verdict.Hold, RuleEvaluator.OnForecast(slow, host, [Rule(ForecastBound.Upper)], LifecycleFixture.At(0)).Single().Verdict);
        // A rule limit of 0.75 is reached by the expected value in 20 h, interpolated from the points.
        var own = RuleEvaluator.OnForecast(slow, host, [Rule(limit: 0.75)], LifecycleFixture.At(0)).Single();
        Assert.Equal(Verdict.Match, own.Verdict);
        Assert.Equal(20, own.Value!.Value, 6);
    }

    [Fact]
    public void OnForecast_OtherSeriesOrMetric_NoVerdict()
    {
        Assert.Empty(RuleEvaluator.OnForecast(Fill(0.025, Now, "fs.used.percent{mount=/var}"), new HostAlerts(), [Rule() with { Forecast = Rule().Forecast! with { Series = "fs.used.percent{mount=/}" } }], LifecycleFixture.At(0)));
        Assert.Empty(RuleEvaluator.OnForecast(Fill(0.025, Now), new HostAlerts(), [Rule() with { Forecast = Rule().Forecast! with { Metric = "mem.used.percent", Series = null } }], LifecycleFixture.At(0)));
    }

    [Fact]
    public void Lifecycle_ForecastsOverTime_FiresOnceHoldsInsideClearClearsBeyondAndEscalates()
    {
        var alerts = new LifecycleFixture(Rule());
        IReadOnlyList<Alert> Observe(double perHour, double hours) => alerts.Lifecycle.Observe(
            alerts.State, RuleEvaluator.OnForecast(Fill(perHour, Now.AddHours(hours)), alerts.State, alerts.Rules.Rules, LifecycleFixture.At(hours * 3600)), LifecycleFixture.At(hours * 3600));

        Assert.Empty(Observe(0.01, 0));
        var fired = Assert.Single(Observe(0.025, 1));
        Assert.Equal(AlertState.FIRING, fired.state);
        Assert.Equal("fs.used.percent{mount=/} on web-1 full in 20h", fired.annotations["summary"]);
        Assert.Empty(Observe(0.02, 1.5));
        var escalated = Assert.Single(alerts.Tick(2 * 3600));
        Assert.Equal(Severity.MAJOR, escalated.severity);
        // Full in 33 h: beyond the 24 h horizon, inside the 36 h clear: still firing.
        Assert.Empty(Observe(0.5 / 33, 3));
        var resolved = Assert.Single(Observe(0.01, 4));
        Assert.Equal(AlertState.RESOLVED, resolved.state);
    }
}
