using ClickHouse.Driver;
using ClickHouse.Driver.ADO.Parameters;

namespace Streams.Collectors.Nagios.Checks;

/// <summary>
/// Reads the summary from the sink's tables: <c>anomalies</c> (006) and <c>alerts</c> (007), and
/// <c>metrics_raw</c> (002) to tell a quiet host from one Streams has never heard of.
/// </summary>
internal sealed class ClickHouseAnomalySource(string connectionString) : IHostAnomalySource
{
    // uniqExact(id): re-scoring writes an anomaly again under the same id; ReplacingMergeTree folds them only at merge time.
    private const string Query =
        "SELECT " +
        "(SELECT uniqExact(id) FROM anomalies WHERE host = {host:String} AND window_end >= now64(3) - toIntervalMinute({minutes:UInt32})) AS recent, " +
        "(SELECT max(score) FROM anomalies WHERE host = {host:String} AND window_end >= now64(3) - toIntervalMinute({minutes:UInt32})) AS top, " +
        "(SELECT count() FROM (SELECT argMax(state, updated_at) AS last FROM alerts WHERE labels['host'] = {host:String} " +
        "  AND updated_at >= now64(3) - toIntervalDay(30) GROUP BY fingerprint) WHERE last = 'FIRING') AS firing, " +
        "(SELECT count() FROM (SELECT 1 FROM metrics_raw WHERE host = {host:String} LIMIT 1)) + " +
        "(SELECT count() FROM (SELECT 1 FROM anomalies WHERE host = {host:String} LIMIT 1)) AS seen";

    public async Task<HostAnomalySummary> GetAsync(string host, int windowMinutes, CancellationToken cancellationToken)
    {
        using var client = new ClickHouseClient(connectionString);
        var parameters = new ClickHouseParameterCollection
        {
            new ClickHouseDbParameter { ParameterName = "host", Value = host },
            new ClickHouseDbParameter { ParameterName = "minutes", Value = (uint)windowMinutes },
        };
        using var reader = await client.ExecuteReaderAsync(Query, parameters, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            throw new InvalidOperationException("ClickHouse returned no row for the check query.");
        }

        var recent = Convert.ToInt32(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture);
        var top = Convert.ToDouble(reader.GetValue(1), System.Globalization.CultureInfo.InvariantCulture);
        var firing = Convert.ToInt32(reader.GetValue(2), System.Globalization.CultureInfo.InvariantCulture);
        var seen = Convert.ToInt64(reader.GetValue(3), System.Globalization.CultureInfo.InvariantCulture);
        return new HostAnomalySummary(seen > 0, recent, recent > 0 ? top : null, firing);
    }
}
