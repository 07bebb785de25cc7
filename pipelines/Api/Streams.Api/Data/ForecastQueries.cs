using System.Data.Common;
using System.Globalization;
using Streams.Alerting.Rules;
using Streams.Api.Contracts;

namespace Streams.Api.Data;

/// <summary>The latest forecast of each series from <c>forecasts</c> (the forecaster's output, one per series per cycle).</summary>
internal sealed class ForecastQueries(ApiClickHouse clickHouse)
{
    /// <summary>Forecasts older than this are not "latest": the host or the series has gone, or the forecaster has stopped.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromDays(2);

    private const string Columns =
        "host, series, metric, toJSONString(tags), model, season_steps, toUnixTimestamp64Milli(generated_at), toUnixTimestamp64Milli(origin), " +
        "last_value, limit, direction, coverage, toUnixTimestamp64Milli(exhaustion_expected), toUnixTimestamp64Milli(exhaustion_earliest), " +
        "toUnixTimestamp64Milli(exhaustion_latest), step_ms, residual_sigma";

    private const string PointColumns =
        ", toJSONString(arrayMap(t -> toUnixTimestamp64Milli(t), points_at)), toJSONString(points_expected), toJSONString(points_lower), toJSONString(points_upper)";

    /// <summary>The latest forecast of every series matching the filters (each optional).</summary>
    public Task<List<CapacityItem>> CapacityAsync(string? host, string? metric, CancellationToken cancellationToken) =>
        QueryAsync(host, metric, withPoints: false, r => Item(r), cancellationToken);

    /// <summary>The latest forecast of each series of a host's metric, with points.</summary>
    public Task<List<SeriesForecastView>> HostAsync(string host, string metric, CancellationToken cancellationToken) =>
        QueryAsync(host, metric, withPoints: true, r => new SeriesForecastView(
            Item(r),
            DurationText.Format(TimeSpan.FromMilliseconds(Row.Long(r, 15))),
            Row.Double(r, 16),
            Points(r)), cancellationToken);

    private async Task<List<T>> QueryAsync<T>(string? host, string? metric, bool withPoints, Func<DbDataReader, T> map, CancellationToken cancellationToken)
    {
        var parameters = new Dictionary<string, object> { ["since"] = (DateTimeOffset.UtcNow - MaxAge).ToUnixTimeMilliseconds() };
        var where = "generated_at >= fromUnixTimestamp64Milli({since:Int64}, 'UTC')";
        if (!string.IsNullOrEmpty(host))
        {
            parameters["host"] = host;
            where += " AND host = {host:String}";
        }

        if (!string.IsNullOrEmpty(metric))
        {
            parameters["metric"] = metric;
            where += " AND metric = {metric:String}";
        }

        return await clickHouse.QueryAsync(
            $"SELECT {Columns}{(withPoints ? PointColumns : string.Empty)} FROM forecasts WHERE {where} " +
            "ORDER BY host, series, generated_at DESC LIMIT 1 BY host, series",
            parameters,
            map,
            cancellationToken);
    }

    private static CapacityItem Item(DbDataReader r)
    {
        var expected = Row.NullableTime(r, 12);
        var earliest = Row.NullableTime(r, 13);
        var latest = Row.NullableTime(r, 14);
        var limit = Row.NullableDouble(r, 9);
        return new CapacityItem(
            Row.Text(r, 0), Row.Text(r, 1), Row.Text(r, 2), Row.Map(r, 3), Row.Text(r, 4), (int)Row.Long(r, 5), Row.Time(r, 6), Row.Time(r, 7),
            Row.Double(r, 8), limit, Row.Text(r, 10), Row.Double(r, 11), expected, earliest, latest, Summary(limit, expected, earliest, latest));
    }

    /// <summary>"reaches 1 in 2d4h (between 1d20h and 2d11h)", counted from now.</summary>
    private static string Summary(double? limit, DateTimeOffset? expected, DateTimeOffset? earliest, DateTimeOffset? latest)
    {
        if (limit is not { } value)
        {
            return "no limit known";
        }

        var now = DateTimeOffset.UtcNow;
        string In(DateTimeOffset? at) => at is { } t ? DurationText.Format(TimeSpan.FromMinutes(Math.Round(Math.Max(0, (t - now).TotalMinutes)))) : "beyond the horizon";
        var target = value.ToString("G6", CultureInfo.InvariantCulture);
        return expected is null && earliest is null
            ? $"does not reach {target} within the horizon"
            : $"reaches {target} in {In(expected)} (between {In(earliest)} and {In(latest)})";
    }

    private static List<ForecastPointView> Points(DbDataReader r)
    {
        var at = Row.Array<long>(r, 17);
        var expected = Row.Array<double>(r, 18);
        var lower = Row.Array<double>(r, 19);
        var upper = Row.Array<double>(r, 20);
        return [.. at.Select((t, i) => new ForecastPointView(DateTimeOffset.FromUnixTimeMilliseconds(t), expected[i], lower[i], upper[i]))];
    }
}
