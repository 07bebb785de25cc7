using Streams.Forecaster;
using Streams.Forecaster.Cycle;
using Streams.Forecasting;

namespace Streams.Evaluation.Forecast;

/// <summary>
/// Runs the <c>forecaster</c> role's own cycle (<see cref="ForecastCycle"/>, its options: cadence,
/// horizon, history span, resources and limits) over hourly histories as if the clock were moving:
/// at every cadence tick each host gets the completed hours of the history span before it, exactly
/// the slice the role reads from <c>series_1h</c> at that moment.
/// </summary>
internal static class ForecastReplay
{
    /// <summary>Every forecast the role would publish from <paramref name="from"/> to <paramref name="to"/>, with the history it was fitted on.</summary>
    public static IEnumerable<ForecastCase> Run(IReadOnlyList<IReadOnlyList<SeriesHistory>> hosts, ForecasterOptions options, DateTimeOffset from, DateTimeOffset to)
    {
        ArgumentNullException.ThrowIfNull(hosts);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var cycle = new ForecastCycle(options);
        var metrics = cycle.Metrics.ToHashSet(StringComparer.Ordinal);
        for (var now = from; now <= to; now += options.Cadence)
        {
            // The role forecasts the hours completed before the cycle started (ForecasterService).
            var end = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % ForecastCycle.SeriesStep.Ticks), TimeSpan.Zero);
            var start = end - options.HistorySpan;
            foreach (var host in hosts)
            {
                var slices = host.Where(s => metrics.Contains(s.Metric)).Select(s => Slice(s, start, end)).OfType<SeriesHistory>().ToList();
                if (slices.Count == 0)
                {
                    continue;
                }

                var bySeries = slices.ToDictionary(s => s.Series, StringComparer.Ordinal);
                foreach (var record in cycle.ForecastHost(slices, now))
                {
                    yield return new ForecastCase(bySeries[record.series], record);
                }
            }
        }
    }

    /// <summary>The hours [<paramref name="start"/>, <paramref name="end"/>) of a history on the grid the role builds; null without an observed point, as the role reads no row then.</summary>
    internal static SeriesHistory? Slice(SeriesHistory history, DateTimeOffset start, DateTimeOffset end)
    {
        var step = history.Values.Step;
        var count = (int)((end - start).Ticks / step.Ticks);
        var values = new double[count];
        Array.Fill(values, double.NaN);
        var offset = (int)((start - history.Values.Start).Ticks / step.Ticks);
        var observed = false;
        for (var i = 0; i < count; i++)
        {
            var source = offset + i;
            if (source >= 0 && source < history.Values.Count && !double.IsNaN(history.Values.Values[source]))
            {
                values[i] = history.Values.Values[source];
                observed = true;
            }
        }

        return observed ? history with { Values = new RegularSeries(start, step, values) } : null;
    }
}
