using Streams.Api.Contracts;
using Streams.Api.Http;

namespace Streams.Api.Data;

/// <summary>"What changed": the series that explained the most anomaly score in a window, from the anomalies' contributions.</summary>
internal sealed class ChangeQueries(ApiClickHouse clickHouse)
{
    public Task<List<ChangeView>> TopAsync(TimeRange range, int limit, CancellationToken cancellationToken) =>
        clickHouse.QueryAsync(
            "SELECT contribution, toJSONString(groupUniqArray(50)(host)), count(), sum(share), max(score) FROM anomalies FINAL " +
            "ARRAY JOIN contribution_series AS contribution, contribution_share AS share " +
            "WHERE window_start >= fromUnixTimestamp64Milli({from:Int64}, 'UTC') AND window_start < fromUnixTimestamp64Milli({to:Int64}, 'UTC') " +
            "GROUP BY contribution ORDER BY sum(share) DESC, contribution LIMIT {limit:UInt32}",
            new Dictionary<string, object> { ["from"] = range.FromMs, ["to"] = range.ToMs, ["limit"] = (uint)limit },
            r => new ChangeView(Row.Text(r, 0), [.. Row.Array<string>(r, 1).Order(StringComparer.Ordinal)], Row.Long(r, 2), Row.Double(r, 3), Row.Double(r, 4)),
            cancellationToken);
}
