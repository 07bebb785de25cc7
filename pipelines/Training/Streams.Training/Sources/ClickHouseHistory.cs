using ClickHouse.Driver;
using ClickHouse.Driver.ADO.Parameters;
using Streams.Scoring.Artifacts;

namespace Streams.Training.Sources;

/// <summary>
/// A host's window history from ClickHouse's <c>metric_windows</c> (one row per series per
/// window), pivoted to one feature vector per window: each series' window mean, as the
/// MetricWindow's aligned vector holds, so the model sees in training what it scores live.
/// </summary>
internal static class ClickHouseHistory
{
    // avg() folds the rare duplicate a replayed sink batch can leave before ClickHouse merges it away.
    private const string Query =
        "SELECT toUnixTimestamp64Milli(window_start) AS start, series, avg(mean) AS value FROM metric_windows " +
        "WHERE host = {host:String} AND window_size_ms = {size:UInt32} " +
        "AND window_start >= now64(3) - toIntervalHour({hours:UInt32}) " +
        "GROUP BY start, series ORDER BY start, series";

    public static async Task<TrainingSet> LoadAsync(string connectionString, string host, int hours, long windowSizeMs, CancellationToken cancellationToken)
    {
        using var client = new ClickHouseClient(connectionString);
        var parameters = new ClickHouseParameterCollection
        {
            new ClickHouseDbParameter { ParameterName = "host", Value = host },
            new ClickHouseDbParameter { ParameterName = "size", Value = (uint)windowSizeMs },
            new ClickHouseDbParameter { ParameterName = "hours", Value = (uint)hours },
        };
        var cells = new List<(long Start, string Series, double Value)>();
        using (var reader = await client.ExecuteReaderAsync(Query, parameters, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                cells.Add((Convert.ToInt64(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture), reader.GetString(1), reader.GetDouble(2)));
            }
        }

        return Pivot(host, cells);
    }

    /// <summary>Cells ordered by window start: one row per window, series in first-seen order, a series missing from a window filled with its mean.</summary>
    /// <exception cref="InvalidDataException">No windows.</exception>
    internal static TrainingSet Pivot(string host, IReadOnlyList<(long Start, string Series, double Value)> cells)
    {
        if (cells.Count == 0)
        {
            throw new InvalidDataException($"ClickHouse has no windows of host '{host}' in that range (table metric_windows).");
        }

        var matrix = new TrainingMatrix();
        var names = new List<string>();
        var values = new List<double>();
        for (var i = 0; i < cells.Count; i++)
        {
            names.Add(cells[i].Series);
            values.Add(cells[i].Value);
            if (i == cells.Count - 1 || cells[i + 1].Start != cells[i].Start)
            {
                matrix.Add(names, values.ToArray(), default);
                names.Clear();
                values.Clear();
            }
        }

        return new TrainingSet(
            matrix.FeatureNames,
            matrix.ToRows(),
            "clickhouse:metric_windows",
            DateTimeOffset.FromUnixTimeMilliseconds(cells[0].Start),
            DateTimeOffset.FromUnixTimeMilliseconds(cells[^1].Start));
    }
}
