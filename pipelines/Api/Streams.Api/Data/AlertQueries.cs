using System.Data.Common;
using Streams.Api.Contracts;
using Streams.Api.Http;

namespace Streams.Api.Data;

/// <summary>
/// Alerts from ClickHouse's <c>alerts</c>, which holds every state change: the current state of
/// a fingerprint is its latest row. argMax over a tuple, not per column, because argMax skips
/// NULLs and a re-fired alert would otherwise show the previous episode's endsAt.
/// </summary>
internal sealed class AlertQueries(ApiClickHouse clickHouse)
{
    public static readonly string[] ActiveStates = ["PENDING", "FIRING", "ACKNOWLEDGED", "SILENCED"];

    private const string Current =
        "SELECT fingerprint, s.1, s.2, s.3, toJSONString(s.4), toJSONString(s.5), s.6, toUnixTimestamp64Milli(s.7), toUnixTimestamp64Milli(s.8), " +
        "toUnixTimestamp64Milli(updated), s.9, s.10, s.11, s.12, s.13, toJSONString(s.14) FROM (" +
        "SELECT fingerprint, argMax(tuple(rule_id, state, severity, labels, annotations, value, starts_at, ends_at, acknowledged_by, silence_id, " +
        "escalation_level, flapping, rule_version, anomaly_ids), updated_at) AS s, max(updated_at) AS updated FROM alerts " +
        "WHERE ({host:String} = '' OR labels['host'] = {host:String}) AND ({fingerprint:String} = '' OR fingerprint = {fingerprint:String}) " +
        "GROUP BY fingerprint) WHERE ({states:String} = '' OR has(splitByChar(',', {states:String}), s.2))";

    /// <summary>Current alerts; <paramref name="states"/> upper-case state names, empty for all.</summary>
    public async Task<Paged<AlertView>> ListAsync(IReadOnlyCollection<string> states, string? host, Paging paging, CancellationToken cancellationToken)
    {
        var parameters = Parameters(states, host, null);
        parameters["limit"] = (uint)paging.PageSize;
        parameters["offset"] = (uint)paging.Offset;
        var total = await clickHouse.CountAsync($"SELECT count() FROM ({Current})", parameters, cancellationToken);
        var items = await clickHouse.QueryAsync($"{Current} ORDER BY updated DESC, fingerprint LIMIT {{limit:UInt32}} OFFSET {{offset:UInt32}}", parameters, Map, cancellationToken);
        return new Paged<AlertView>(items, paging.Page, paging.PageSize, total);
    }

    /// <summary>Every active alert (pending, firing, acknowledged, silenced), of one host or all.</summary>
    public Task<List<AlertView>> ActiveAsync(string? host, CancellationToken cancellationToken) =>
        clickHouse.QueryAsync($"{Current} ORDER BY updated DESC", Parameters(ActiveStates, host, null), Map, cancellationToken);

    public async Task<AlertView?> FindAsync(string fingerprint, CancellationToken cancellationToken)
    {
        var rows = await clickHouse.QueryAsync(Current, Parameters([], null, fingerprint), Map, cancellationToken);
        return rows.Count == 0 ? null : rows[0];
    }

    public async Task<Paged<AlertView>> HistoryAsync(string fingerprint, Paging paging, CancellationToken cancellationToken)
    {
        var parameters = new Dictionary<string, object> { ["fingerprint"] = fingerprint, ["limit"] = (uint)paging.PageSize, ["offset"] = (uint)paging.Offset };
        var total = await clickHouse.CountAsync("SELECT count() FROM alerts WHERE fingerprint = {fingerprint:String}", parameters, cancellationToken);
        var items = await clickHouse.QueryAsync(
            "SELECT fingerprint, rule_id, state, severity, toJSONString(labels), toJSONString(annotations), value, toUnixTimestamp64Milli(starts_at), " +
            "toUnixTimestamp64Milli(ends_at), toUnixTimestamp64Milli(updated_at), acknowledged_by, silence_id, escalation_level, flapping, rule_version, " +
            "toJSONString(anomaly_ids) FROM alerts WHERE fingerprint = {fingerprint:String} ORDER BY updated_at LIMIT {limit:UInt32} OFFSET {offset:UInt32}",
            parameters, Map, cancellationToken);
        return new Paged<AlertView>(items, paging.Page, paging.PageSize, total);
    }

    private static Dictionary<string, object> Parameters(IReadOnlyCollection<string> states, string? host, string? fingerprint) => new()
    {
        ["states"] = string.Join(',', states),
        ["host"] = host ?? string.Empty,
        ["fingerprint"] = fingerprint ?? string.Empty,
    };

    private static AlertView Map(DbDataReader r) => new(
        Row.Text(r, 0), Row.Text(r, 1), Row.Text(r, 2).ToLowerInvariant(), Row.Text(r, 3).ToLowerInvariant(), Row.Map(r, 4), Row.Map(r, 5),
        Row.NullableDouble(r, 6), Row.Time(r, 7), Row.NullableTime(r, 8), Row.Time(r, 9), Row.NullableText(r, 10), Row.NullableText(r, 11),
        (int)Row.Long(r, 12), Row.Bool(r, 13), (int)Row.Long(r, 14), Row.Array<string>(r, 15));
}
