using Streams.Collectors.Simulator.Fleet;
using Streams.Collectors.Simulator.Labels;
using Streams.Collectors.Simulator.Series;
using Streams.Forecaster.Cycle;
using Streams.Forecasting;
using Streams.Topology.Metrics;
using Streams.Topology.Metrics.Normalize;

namespace Streams.Evaluation.Forecast;

/// <summary>
/// A simulated fleet generated offline on its own clock (no broker, no pacing) and rolled up as
/// the forecaster reads it: per series, the hourly mean of the samples in the units of
/// <c>metrics.clean</c> (a percentage a ratio), as <c>series_1h</c> holds it; an hour without a
/// sample (a host that is down) has no value.
/// </summary>
internal sealed class SimulatedFleet
{
    private SimulatedFleet(DateTimeOffset start, int hours, IReadOnlyList<IReadOnlyList<SeriesHistory>> hosts, IReadOnlyList<IncidentLabel> labels)
    {
        Start = start;
        Hours = hours;
        Hosts = hosts;
        Labels = labels;
    }

    /// <summary>The first hour of the rollup.</summary>
    public DateTimeOffset Start { get; }

    public int Hours { get; }

    /// <summary>Every host's series of the chosen metrics over the whole run, on the hourly grid from <see cref="Start"/>.</summary>
    public IReadOnlyList<IReadOnlyList<SeriesHistory>> Hosts { get; }

    public IReadOnlyList<IncidentLabel> Labels { get; }

    public DateTimeOffset End => Start + (ForecastCycle.SeriesStep * Hours);

    /// <summary>Generates the fleet and keeps the series of <paramref name="metrics"/>.</summary>
    public static SimulatedFleet Generate(FleetOptions options, IReadOnlyCollection<string> metrics)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(metrics);
        var generator = new FleetGenerator(options);
        var step = ForecastCycle.SeriesStep;
        var start = new DateTimeOffset(options.Start.UtcTicks - (options.Start.UtcTicks % step.Ticks), TimeSpan.Zero);
        var hours = (int)((generator.TimeOf(options.Ticks - 1) - start).Ticks / step.Ticks) + 1;
        var width = FleetGenerator.ValuesPerServer;
        var watched = SeriesCatalogue.All
            .Select((definition, index) => (definition, index, factor: Units.Resolve(definition.Unit)?.Factor ?? 1))
            .Where(s => metrics.Contains(s.definition.Metric))
            .ToArray();

        var sums = new double[options.Servers, watched.Length, hours];
        var counts = new int[options.Servers, watched.Length, hours];
        var values = new double[options.Servers * width];
        var logs = new List<SimulatedLog>();
        for (var tick = 0; tick < options.Ticks; tick++)
        {
            logs.Clear();
            generator.Generate(tick, 0, options.Servers, values, logs);
            var hour = (int)((generator.TimeOf(tick) - start).Ticks / step.Ticks);
            for (var server = 0; server < options.Servers; server++)
            {
                for (var s = 0; s < watched.Length; s++)
                {
                    var value = values[(server * width) + watched[s].index];
                    if (double.IsFinite(value))
                    {
                        sums[server, s, hour] += value * watched[s].factor;
                        counts[server, s, hour]++;
                    }
                }
            }
        }

        var hosts = new List<IReadOnlyList<SeriesHistory>>(options.Servers);
        for (var server = 0; server < options.Servers; server++)
        {
            var host = generator.Servers[server].Host;
            var series = new List<SeriesHistory>(watched.Length);
            for (var s = 0; s < watched.Length; s++)
            {
                var grid = new double[hours];
                for (var h = 0; h < hours; h++)
                {
                    grid[h] = counts[server, s, h] > 0 ? sums[server, s, h] / counts[server, s, h] : double.NaN;
                }

                var definition = watched[s].definition;
                var id = SeriesId.Of(definition.Metric, generator.TagsFor(server, watched[s].index));
                series.Add(new SeriesHistory(host, id, definition.Metric, new RegularSeries(start, step, grid)));
            }

            hosts.Add(series);
        }

        return new SimulatedFleet(start, hours, hosts, generator.Labels);
    }
}
