using System.Data.Common;
using System.Runtime.CompilerServices;
using ClickHouse.Driver;
using ClickHouse.Driver.ADO.Parameters;
using Streams.Forecaster.Cycle;
using Streams.Forecasting;
using Streams.Platform.ClickHouse;

namespace Streams.Forecaster.Data;

/// <summary>
/// Reads <c>series_1h</c> in one streamed query, one row per series ordered by host, and hands out
/// one host at a time, so a cycle over 10,000 hosts holds one host's histories, not the fleet's.
/// </summary>
internal sealed class ClickHouseSeriesHistory(IClickHouseEndpoint endpoint) : ISeriesHistorySource, IDisposable
{
    // One row per series with its hours as arrays: per-hour rows cost 5.3 us each to read
    // (5.4 M rows for 1,000 hosts in 32 s, tests/bench/Streams.Forecasting.Benchmarks read),
    // mostly the host, metric and series strings repeated on every row. Array order does not
    // matter: RegularSeries.FromRows places each point by its time.
    private const string Query =
        "SELECT host, metric, series, groupArray(t), groupArray(value) FROM (" +
        "SELECT host, metric, series, toInt64(toUnixTimestamp(hour)) AS t, sum(sum) / sum(samples) AS value FROM series_1h " +
        "WHERE metric IN {metrics:Array(String)} AND host > {after:String} " +
        "AND hour >= toDateTime({from:Int64}, 'UTC') AND hour < toDateTime({to:Int64}, 'UTC') " +
        "GROUP BY host, metric, series, hour) GROUP BY host, metric, series ORDER BY host, series";

    private readonly Lazy<ClickHouseClient> client = new(() => new ClickHouseClient(ConnectionString(endpoint)));

    public async IAsyncEnumerable<IReadOnlyList<SeriesHistory>> ReadHostsAsync(
        IReadOnlyList<string> metrics, DateTimeOffset from, DateTimeOffset to, string afterHost, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var parameters = new ClickHouseParameterCollection
        {
            new ClickHouseDbParameter { ParameterName = "metrics", Value = metrics.ToArray() },
            new ClickHouseDbParameter { ParameterName = "after", Value = afterHost },
            new ClickHouseDbParameter { ParameterName = "from", Value = from.ToUnixTimeSeconds() },
            new ClickHouseDbParameter { ParameterName = "to", Value = to.ToUnixTimeSeconds() },
        };
        using var reader = await client.Value.ExecuteReaderAsync(Query, parameters, null, cancellationToken);
        var last = to - ForecastCycle.SeriesStep;
        var host = new List<SeriesHistory>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var rowHost = reader.GetString(0);
            if (host.Count > 0 && host[0].Host != rowHost)
            {
                yield return host;
                host = [];
            }

            var times = (long[])reader.GetValue(3);
            var values = (double[])reader.GetValue(4);
            var rows = times.Select((t, i) => (DateTimeOffset.FromUnixTimeSeconds(t), values[i]));
            host.Add(new SeriesHistory(rowHost, reader.GetString(2), reader.GetString(1), RegularSeries.FromRows(from, last, ForecastCycle.SeriesStep, rows)));
        }

        if (host.Count > 0)
        {
            yield return host;
        }
    }

    public void Dispose()
    {
        if (client.IsValueCreated)
        {
            client.Value.Dispose();
        }
    }

    private static string ConnectionString(IClickHouseEndpoint endpoint)
    {
        var builder = new DbConnectionStringBuilder { ConnectionString = endpoint.ConnectionString };
        if (endpoint.IsEmbedded)
        {
            // The embedded endpoint does not speak ClickHouse's native block compression (see the README).
            builder["Compression"] = "false";
        }

        return builder.ConnectionString;
    }
}
