using io.streams.avro;
using Streams.Alerting.Rules;
using Streams.Collectors.Simulator.Incidents;
using Streams.Evaluation.Forecast;

namespace Streams.Topology.Tests.Alerting;

/// <summary>
/// A simulated host whose disk degrades until the host goes down, through the alerting topology
/// under the default <c>disk-failing-in-a-day</c> rule: the forecasts are the forecaster role's own
/// cycle (default resources, so <c>disk.svc</c> with its 30 ms limit) over the host's hourly
/// history, replayed hour by hour as the role would publish them.
/// </summary>
public sealed class HardwareFailureForecastTests
{
    [Fact]
    public void Evaluate_SimulatedHardwareFailure_DiskFailingRuleFiresAnHourBeforeTheHostGoesDown()
    {
        var fleet = SlowFailureFleet.Options(IncidentKind.HardwareFailure);
        var history = SimulatedFleet.Generate(fleet, ["disk.svc"]);
        var label = history.Labels.OrderByDescending(l => l.FailureAt).First();
        var forecasts = SlowFailureFleet.Forecasts(history, label.Host).ToList();

        using var harness = new AlertingHarness([.. DefaultRules.All.Where(r => r.Id == "disk-failing-in-a-day")]);
        DateTimeOffset? fired = null;
        foreach (var forecast in forecasts)
        {
            var at = new DateTimeOffset(forecast.generatedAt, TimeSpan.Zero);
            harness.Advance(at - harness.Clock.Now);
            harness.Forecast(forecast);
            if (harness.Read().Any(a => a.state == AlertState.FIRING))
            {
                fired ??= harness.Clock.Now;
            }
        }

        Assert.NotNull(fired);
        Assert.True(fired <= label.FailureAt - TimeSpan.FromHours(1), $"fired at {fired}, the host went down at {label.FailureAt}");
        Assert.True(fired >= label.Start, $"fired at {fired}, before the degradation began at {label.Start}");
    }
}
