using io.streams.avro;
using Streams.Alerting.Rules;
using Streams.Collectors.Simulator.Fleet;
using Streams.Collectors.Simulator.Incidents;
using Streams.Collectors.Simulator.Series;
using Streams.Evaluation.Forecast;
using Streams.Topology.Metrics;

namespace Streams.Topology.Tests.Alerting;

/// <summary>
/// A simulated host whose disk fills over hours to days, through the alerting topology under the
/// default filesystem rules: the forecasts are the forecaster role's own cycle over the host's
/// hourly history, replayed hour by hour; the windows are its samples as ratios.
/// </summary>
public sealed class DiskFillingForecastTests
{
    private static readonly string[] FilesystemRules = ["filesystem-filling", "filesystem-full-in-a-day", "filesystem-full-in-a-week"];

    [Fact]
    public void Evaluate_SimulatedDiskFilling_ForecastRuleWarnsAnHourBeforeTheThresholdRule()
    {
        var fleet = SlowFailureFleet.Options(IncidentKind.DiskExhaustion);
        var generator = new FleetGenerator(fleet);
        var label = generator.Labels.OrderByDescending(l => l.FailureAt).First();
        var server = generator.Servers.ToList().FindIndex(s => s.Host == label.Host);
        var fs = SeriesCatalogue.All.ToList().FindIndex(s => s.Metric == "fs.used.percent");
        var seriesId = SeriesId.Of("fs.used.percent", generator.TagsFor(server, fs));

        var history = SimulatedFleet.Generate(fleet, ["fs.used.percent"]);
        var forecasts = SlowFailureFleet.Forecasts(history, label.Host).ToLookup(r => new DateTimeOffset(r.generatedAt, TimeSpan.Zero));

        using var harness = new AlertingHarness([.. DefaultRules.All.Where(r => FilesystemRules.Contains(r.Id))]);
        var firing = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        var values = new double[fleet.Servers * FleetGenerator.ValuesPerServer];
        var logs = new List<SimulatedLog>();
        for (var tick = 0; tick < fleet.Ticks; tick++)
        {
            generator.Generate(tick, 0, fleet.Servers, values, logs);
            var now = generator.TimeOf(tick);
            harness.Advance(now - harness.Clock.Now);
            foreach (var forecast in forecasts[now])
            {
                harness.Forecast(forecast);
            }

            harness.Window(label.Host, seriesId, "fs.used.percent", values[(server * FleetGenerator.ValuesPerServer) + fs] / 100);
            foreach (var alert in harness.Read().Where(a => a.state == AlertState.FIRING))
            {
                firing.TryAdd(alert.ruleId, now);
            }
        }

        Assert.True(firing.ContainsKey("filesystem-filling"), $"the threshold rule never fired; fired: {string.Join(", ", firing.Keys)}");
        var threshold = firing["filesystem-filling"];
        var warned = firing.Where(f => f.Key.StartsWith("filesystem-full-in-a-", StringComparison.Ordinal)).Select(f => f.Value).DefaultIfEmpty(DateTimeOffset.MaxValue).Min();
        Assert.True(threshold <= label.FailureAt, $"threshold alert at {threshold}, failure at {label.FailureAt}");
        Assert.True(warned <= threshold - TimeSpan.FromHours(1), $"forecast alert at {warned}, threshold alert at {threshold}");
    }
}
