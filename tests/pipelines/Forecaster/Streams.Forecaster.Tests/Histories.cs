using Streams.Forecaster.Cycle;
using Streams.Forecasting;

namespace Streams.Forecaster.Tests;

/// <summary>Hourly histories with a known shape.</summary>
internal static class Histories
{
    public static readonly DateTimeOffset Start = new(2026, 11, 23, 0, 0, 0, TimeSpan.Zero);

    public static SeriesHistory Of(string host, string series, int hours, Func<int, double> value, double noise = 0.2)
    {
        var metric = series.Split('{')[0];
        var random = new Random(series.Length + hours);
        var values = Enumerable.Range(0, hours).Select(t => value(t) + ((random.NextDouble() - 0.5) * noise)).ToArray();
        return new SeriesHistory(host, series, metric, new RegularSeries(Start, TimeSpan.FromHours(1), values));
    }
}
