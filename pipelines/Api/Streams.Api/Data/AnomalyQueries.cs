using System.Data.Common;
using Streams.Api.Contracts;
using Streams.Api.Http;

namespace Streams.Api.Data;

/// <summary>Anomalies from ClickHouse's <c>anomalies</c> (FINAL: one row per id even before merges).</summary>
internal sealed class AnomalyQueries(ApiClickHouse clickHouse)
{
    private const string Columns =
        "id, host, series, toUnixTimestamp64Milli(window_start), toUnixTimestamp64Milli(window_end), score, threshold, severity, model, model_version, " +
        "toJSONString(contribution_series), toJSONString(contribution_share), toJSONString(contribution_value), toJSONString(contribution_expected), " +
        "consecutive_windows, toUnixTimestamp64Milli(detected_at), toJSONString(tags)";

    private const string Filter =
        "window_start >= fromUnixTimestamp64Milli({from:Int64}, 'UTC') AND window_start < fromUnixTimestamp64Milli({to:Int64}, 'UTC') " +
        "AND ({host:String} = '' OR host = {host:String}) AND ({series:String} = '' OR series = {series:String}) " +
        "AND indexOf(['INFO', 'WARNING', 'MAJOR', 'CRITICAL'], upper(severity)) > {rank:Int32}";

    public async Task<Paged<AnomalyView>> ListAsync(string? host, string? series, int minRank, TimeRange range, Paging paging, CancellationToken cancellationToken)
    {
        var parameters = new Dictionary<string, object>
        {
            ["from"] = range.FromMs,
            ["to"] = range.ToMs,
            ["host"] = host ?? string.Empty,
            ["series"] = series ?? string.Empty,
            ["rank"] = minRank,
            ["limit"] = (uint)paging.PageSize,
            ["offset"] = (uint)paging.Offset,
        };
        var total = await clickHouse.CountAsync($"SELECT count() FROM anomalies FINAL WHERE {Filter}", parameters, cancellationToken);
        var items = await clickHouse.QueryAsync(
            $"SELECT {Columns} FROM anomalies FINAL WHERE {Filter} ORDER BY window_start DESC, id LIMIT {{limit:UInt32}} OFFSET {{offset:UInt32}}",
            parameters, Map, cancellationToken);
        return new Paged<AnomalyView>(items, paging.Page, paging.PageSize, total);
    }

    public async Task<AnomalyView?> FindAsync(string id, CancellationToken cancellationToken)
    {
        var rows = await clickHouse.QueryAsync($"SELECT {Columns} FROM anomalies FINAL WHERE id = {{id:String}} LIMIT 1", new Dictionary<string, object> { ["id"] = id }, Map, cancellationToken);
        return rows.Count == 0 ? null : rows[0];
    }

    /// <summary>A host's latest anomalies, newest first.</summary>
    public Task<List<AnomalyView>> RecentAsync(string host, int limit, CancellationToken cancellationToken) =>
        clickHouse.QueryAsync(
            $"SELECT {Columns} FROM anomalies FINAL WHERE host = {{host:String}} AND window_start >= now64(3) - INTERVAL 1 DAY ORDER BY window_start DESC LIMIT {{limit:UInt32}}",
            new Dictionary<string, object> { ["host"] = host, ["limit"] = (uint)limit }, Map, cancellationToken);

    private static AnomalyView Map(DbDataReader r)
    {
        var series = Row.Array<string>(r, 10);
        var shares = Row.Array<double?>(r, 11);
        var values = Row.Array<double?>(r, 12);
        var expected = Row.Array<double?>(r, 13);
        var contributions = series.Select((s, i) => new ContributionView(
            s,
            i < shares.Count ? shares[i] ?? 0 : 0,
            i < values.Count ? values[i] : null,
            i < expected.Count ? expected[i] : null)).ToList();
        return new AnomalyView(
            Row.Text(r, 0), Row.Text(r, 1), Row.NullableText(r, 2), Row.Time(r, 3), Row.Time(r, 4),
            Row.Double(r, 5), Row.Double(r, 6), Row.Text(r, 7).ToLowerInvariant(), Row.Text(r, 8), Row.Text(r, 9),
            contributions, (int)Row.Long(r, 14), Row.Time(r, 15), Row.Map(r, 16));
    }
}
