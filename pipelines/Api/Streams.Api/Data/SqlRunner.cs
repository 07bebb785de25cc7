using System.Collections;
using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using ClickHouse.Driver;
using Streams.Api.Contracts;

namespace Streams.Api.Data;

/// <summary>
/// Runs an analyst's statement (checked by <see cref="SqlGuard"/>) with ClickHouse's own
/// limits: max_execution_time=10, max_result_rows=10000 with result_overflow_mode='break', and
/// readonly=1 against an external server. The embedded endpoint keeps settings per pooled chDB
/// connection and readonly=1 could never be reset on it (ClickHouse refuses to change readonly in
/// readonly mode), which would make the sink's inserts fail; there the guard is the protection.
/// </summary>
internal sealed class SqlRunner(ApiClickHouse clickHouse)
{
    public const int MaxRows = 10_000;
    public const int MaxSeconds = 10;

    public Task<SqlResult> RunAsync(string statement, CancellationToken cancellationToken)
    {
        var settings = new Dictionary<string, object>
        {
            ["max_execution_time"] = MaxSeconds,
            ["max_result_rows"] = MaxRows,
            ["result_overflow_mode"] = "break",
        };
        if (!clickHouse.IsEmbedded)
        {
            settings["readonly"] = 1;
        }

        var started = Stopwatch.StartNew();
        return clickHouse.ReadAsync(statement, new QueryOptions { CustomSettings = settings }, async reader =>
        {
            var columns = Enumerable.Range(0, reader.FieldCount).Select(i => new SqlColumn(reader.GetName(i), reader.GetDataTypeName(i))).ToList();
            var rows = new List<object?[]>();
            var truncated = false;
            while (await reader.ReadAsync(cancellationToken))
            {
                if (rows.Count == MaxRows)
                {
                    truncated = true;
                    break;
                }

                var row = new object?[reader.FieldCount];
                for (var i = 0; i < row.Length; i++)
                {
                    row[i] = reader.IsDBNull(i) ? null : ToJson(reader.GetValue(i));
                }

                rows.Add(row);
            }

            // result_overflow_mode='break' stops at a block boundary: a full page means more may exist.
            return new SqlResult(columns, rows, rows.Count, started.ElapsedMilliseconds, truncated || rows.Count == MaxRows);
        }, cancellationToken);
    }

    /// <summary>A value JSON can carry: integers beyond 2^53 and unusual types as text, non-finite numbers as null.</summary>
    internal static object? ToJson(object? value) => value switch
    {
        null or DBNull => null,
        string or bool => value,
        double d => double.IsFinite(d) ? d : null,
        float f => float.IsFinite(f) ? f : null,
        long l when Math.Abs(l) < (1L << 53) => l,
        ulong u when u < (1UL << 53) => u,
        byte or sbyte or short or ushort or int or uint => value,
        decimal m => m,
        DateTime t => t.ToString("O", CultureInfo.InvariantCulture),
        DateTimeOffset t => t.ToString("O", CultureInfo.InvariantCulture),
        IDictionary map => map.Keys.Cast<object>().ToDictionary(k => Convert.ToString(k, CultureInfo.InvariantCulture) ?? string.Empty, k => ToJson(map[k])),
        IEnumerable items => items.Cast<object?>().Select(ToJson).ToList(),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture),
    };
}
