using Streams.Collectors.Simulator.Fleet;
using Streams.Collectors.Simulator.Incidents;
using Streams.Evaluation.Forecast;
using Streams.Forecaster;

namespace Streams.Topology.Tests.Alerting;

/// <summary>
/// Four simulated hosts over ten days of half-hourly samples, each with one slow failure of a
/// kind, and the forecasts the forecaster role's own cycle makes of one host, hour by hour.
/// </summary>
internal static class SlowFailureFleet
{
    public static FleetOptions Options(IncidentKind kind) => new()
    {
        Servers = 4,
        Seed = 2,
        Start = new DateTimeOffset(AlertingHarness.T0),
        Interval = TimeSpan.FromMinutes(30),
        Ticks = 10 * 24 * 2,
        IncidentFraction = 1,
        Kinds = [kind],
    };

    public static IEnumerable<io.streams.avro.Forecast> Forecasts(SimulatedFleet history, string host) =>
        ForecastReplay.Run(history.Hosts, new ForecasterOptions(), history.Start, history.End)
            .Select(c => c.Record)
            .Where(r => r.host == host);
}
