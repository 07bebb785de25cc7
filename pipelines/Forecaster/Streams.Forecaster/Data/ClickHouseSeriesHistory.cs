using System.Data.Common;
using System.Runtime.CompilerServices;
using ClickHouse.Driver;
using ClickHouse.Driver.ADO.Parameters;
using Streams.Forecaster.Cycle;
using Streams.Forecasting;
using Streams.Platform.ClickHouse;

namespace Streams.Forecaster.Data;

/// <summary>
/// Reads <c>series_1h</c> in one streamed query ordered by host, series and hour, and hands out
/// one host at a time, so a cycle over 10,000 hosts holds one host's histories, not the fleet's.
/// </summary>
internal sealed class ClickHouseSeriesHistory(IClickHouseEndpoint endpoint) : ISeriesHistorySource, IDisposable
{
    private const string Query =
        "SELECT host, metric, series, toInt64(toUnixTimestamp(hour)) AS t, sum(sum) / sum(samples) AS value FROM series_1h " +
        "WHERE metric IN {metrics:Array(String)} AND host > {after:String} " +
        "AND hour >= toDateTime({from:Int64}, 'UTC') AND hour < toDateTime({to:Int64}, 'UTC') " +
        "GROUP BY host, metric, series, hour ORDER BY host, series, hour";

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
        var rows = new List<(DateTimeOffset, double)>();
        string? currentHost = null, currentSeries = null, currentMetric = null;
        while (await reader.ReadAsync(cancellationToken))
        {
            var (rowHost, metric, series) = (reader.GetString(0), reader.GetString(1), reader.GetString(2));
            if (rowHost != currentHost || series != currentSeries)
            {
                Close();
                if (rowHost != currentHost && host.Count > 0)
                {
                    yield return host;
                    host = [];
                }

                (currentHost, currentSeries, currentMetric) = (rowHost, series, metric);
            }

            rows.Add((DateTimeOffset.FromUnixTimeSeconds(reader.GetInt64(3)), Value(reader, 4)));
        }

        Close();
        if (host.Count > 0)
        {
            yield return host;
        }

        void Close()
        {
            if (rows.Count > 0)
            {
                host.Add(new SeriesHistory(currentHost!, currentSeries!, currentMetric!, RegularSeries.FromRows(from, last, ForecastCycle.SeriesStep, rows)));
                rows.Clear();
            }
        }
    }

    public void Dispose()
    {
        if (client.IsValueCreated)
        {
            client.Value.Dispose();
        }
    }

    private static double Value(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? double.NaN : reader.GetDouble(ordinal);

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
