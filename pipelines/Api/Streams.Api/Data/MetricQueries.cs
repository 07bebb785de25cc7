using Streams.Api.Contracts;
using Streams.Api.Http;

namespace Streams.Api.Data;

/// <summary>A series of a host at a step, from <c>metric_windows</c> (the statistics the scorer saw), at the host's finest window size.</summary>
internal sealed class MetricQueries(ApiClickHouse clickHouse)
{
    private const string Finest =
        "host = {host:String} AND series = {series:String} " +
        "AND window_size_ms = (SELECT min(window_size_ms) FROM metric_windows WHERE host = {host:String} AND series = {series:String})";

    public async Task<(List<MetricPoint> Points, List<BandPoint> Band)> RangeAsync(string host, string series, TimeRange range, TimeSpan step, CancellationToken cancellationToken)
    {
        var parameters = new Dictionary<string, object>
        {
            ["host"] = host,
            ["series"] = series,
            ["from"] = range.FromMs,
            ["to"] = range.ToMs,
            ["step"] = (uint)step.TotalSeconds,
        };
        var points = await clickHouse.QueryAsync(
            "SELECT toInt64(toUnixTimestamp(toStartOfInterval(window_start, toIntervalSecond({step:UInt32})))) * 1000 AS t, avg(mean), min(min), max(max), max(p95) " +
            $"FROM metric_windows WHERE {Finest} AND window_start >= fromUnixTimestamp64Milli({{from:Int64}}, 'UTC') " +
            "AND window_start < fromUnixTimestamp64Milli({to:Int64}, 'UTC') GROUP BY t ORDER BY t",
            parameters,
            r => new MetricPoint(Row.Time(r, 0), Row.NullableDouble(r, 1), Row.NullableDouble(r, 2), Row.NullableDouble(r, 3), Row.NullableDouble(r, 4)),
            cancellationToken);

        // The band is mean ± 3 standard deviations of the series' samples over the 24 h before
        // `to`: the variance of the window means plus the mean within-window variance (law of
        // total variance), so a noisy series gets a wide band even when its means are steady.
        // One band for the range: a day of history is what a self-trained model has learned from.
        var baseline = await clickHouse.QueryAsync(
            $"SELECT avg(mean), varPop(mean) + avg(stddev * stddev), count() FROM metric_windows WHERE {Finest} " +
            "AND window_start >= fromUnixTimestamp64Milli({to:Int64} - 86400000, 'UTC') AND window_start < fromUnixTimestamp64Milli({to:Int64}, 'UTC')",
            parameters,
            r => (Mean: Row.Double(r, 0), Variance: Row.Double(r, 1), Count: Row.Long(r, 2)),
            cancellationToken);
        var band = new List<BandPoint>();
        if (baseline is [{ Count: > 1 } b] && double.IsFinite(b.Mean) && double.IsFinite(b.Variance))
        {
            var spread = 3 * Math.Sqrt(Math.Max(b.Variance, 0));
            band.AddRange(points.Select(p => new BandPoint(p.T, b.Mean - spread, b.Mean + spread)));
        }

        return (points, band);
    }
}
