using io.streams.avro;
using Streams.Alerting.Evaluation;
using Streams.Alerting.Lifecycle;
using Streams.Alerting.Rules;

namespace Streams.Alerting.Tests.Evaluation;

public sealed class RuleEvaluatorTests
{
    [Fact]
    public void OnMetricWindow_SeriesOfTheRulesMetric_OneVerdictPerSeriesWithHysteresis()
    {
        var rule = new AlertRule
        {
            Id = "disk",
            Name = "DiskBusy",
            Kind = RuleKind.Threshold,
            Threshold = new() { Metric = "disk.util", Statistic = WindowStatistic.Max, Value = 0.9, Clear = 0.7 },
        };
        var host = new HostAlerts();

        var observations = RuleEvaluator.OnMetricWindow(Window("db-1", ("disk.util{device=sda}", "disk.util", 0.95), ("disk.util{device=sdb}", "disk.util", 0.8), ("cpu.util", "cpu.util", 0.99)), host, [rule], 42).ToList();

        Assert.Equal(2, observations.Count);
        Assert.Equal(Verdict.Match, observations.Single(o => o.Identity["series"] == "disk.util{device=sda}").Verdict);
        Assert.Equal(Verdict.Hold, observations.Single(o => o.Identity["series"] == "disk.util{device=sdb}").Verdict);
        Assert.Equal(42, host.LastSeen);
    }

    [Fact]
    public void OnMetricWindow_SeriesWithNoReadingInTheWindow_NoVerdictForIt()
    {
        var rule = DefaultRules.All.Single(r => r.Id == "cpu-saturated");

        var observations = RuleEvaluator.OnMetricWindow(Window("web-1", ("cpu.util", "cpu.util", double.NaN)), new HostAlerts(), [rule], 0);

        Assert.Empty(observations);
    }

    [Fact]
    public void OnMetricWindow_ScopeByHostGlob_SkipsOtherHosts()
    {
        var rule = DefaultRules.All.Single(r => r.Id == "cpu-saturated") with { Scope = new() { Hosts = ["web-*"] } };

        Assert.Empty(RuleEvaluator.OnMetricWindow(Window("db-1", ("cpu.util", "cpu.util", 0.99)), new HostAlerts(), [rule], 0));
        Assert.Single(RuleEvaluator.OnMetricWindow(Window("web-7", ("cpu.util", "cpu.util", 0.99)), new HostAlerts(), [rule], 0));
    }

    [Fact]
    public void OnAnomaly_BelowTheRulesSeverityOrDuration_DoesNotMatch_AndTagsAreLearned()
    {
        var rule = DefaultRules.All.Single(r => r.Id == "anomaly-sustained");
        var host = new HostAlerts();

        Assert.Empty(RuleEvaluator.OnAnomaly(Anomaly(Severity.WARNING, 3), host, [rule]));
        Assert.Empty(RuleEvaluator.OnAnomaly(Anomaly(Severity.CRITICAL, 1), host, [rule]));
        var match = Assert.Single(RuleEvaluator.OnAnomaly(Anomaly(Severity.CRITICAL, 2), host, [rule]));

        Assert.Equal(Verdict.Match, match.Verdict);
        Assert.Equal("a-1", match.AnomalyId);
        Assert.Equal("cpu.util 70%, load.1 20%", match.Details!["contributors"]);
        Assert.Equal("web", host.Tags["role"]);
    }

    [Fact]
    public void OnLogWindow_CountsLinesAtOrAboveTheSeverity()
    {
        var rule = DefaultRules.All.Single(r => r.Id == "log-errors");
        var window = new LogWindow
        {
            host = "web-1",
            app = "nginx",
            window = new TimeWindow { start = DateTime.UnixEpoch, end = DateTime.UnixEpoch.AddSeconds(10) },
            severityCounts = new Dictionary<string, int> { ["ERROR"] = 12, ["CRITICAL"] = 9, ["WARNING"] = 500 },
            templates = [],
        };

        var observation = Assert.Single(RuleEvaluator.OnLogWindow(window, new HostAlerts(), [rule]));

        Assert.Equal(Verdict.Match, observation.Verdict);
        Assert.Equal(21, observation.Value);
        Assert.Equal("nginx", observation.Identity["app"]);
    }

    private static Anomaly Anomaly(Severity severity, int consecutive) => new()
    {
        id = "a-1",
        host = "web-1",
        window = new TimeWindow { start = DateTime.UnixEpoch, end = DateTime.UnixEpoch.AddSeconds(10) },
        score = 3,
        threshold = 1,
        severity = severity,
        model = "ensemble",
        consecutiveWindows = consecutive,
        contributions = [new Contribution { series = "cpu.util", share = 0.7 }, new Contribution { series = "load.1", share = 0.2 }],
        tags = new Dictionary<string, string> { ["role"] = "web" },
    };

    private static MetricWindow Window(string host, params (string Series, string Metric, double Value)[] series) => new()
    {
        host = host,
        window = new TimeWindow { start = new DateTime(2026, 11, 30, 10, 0, 0, DateTimeKind.Utc), end = new DateTime(2026, 11, 30, 10, 0, 10, DateTimeKind.Utc) },
        windowSizeMs = 10_000,
        series = [.. series.Select(s => new SeriesStats { series = s.Series, metric = s.Metric, unit = "ratio", count = 10, min = s.Value, max = s.Value, mean = s.Value, last = s.Value, p95 = s.Value })],
        featureNames = [],
        features = [],
        present = [],
    };
}
