using System.Collections;
using System.Diagnostics;
using System.Globalization;
using ClickHouse.Driver;
using Microsoft.Extensions.Options;
using Streams.Api.Contracts;
using Streams.Platform.ClickHouse;

namespace Streams.Api.Data;

/// <summary>
/// Runs an analyst's statement after three checks: <see cref="SqlGuard"/> on its text,
/// <see cref="SqlAllowlist"/> on ClickHouse's parse of it (<c>EXPLAIN AST</c>, which parses and
/// runs nothing), and ClickHouse's own locks on the run: readonly=1 (no table function that
/// reads files, URLs or other servers can run, nor any write or setting change) and the limits of
/// <see cref="ApiSqlOptions"/>; on an external server also as the read-only user when one is
/// configured (<c>infra/clickhouse/analyst-user.sql</c>).
/// </summary>
internal sealed class SqlRunner : IDisposable
{
    private readonly ApiClickHouse clickHouse;
    private readonly ApiSqlOptions limits;
    private readonly Lazy<SqlAllowlist> allowlist;

    public SqlRunner(IClickHouseEndpoint endpoint, IOptions<StreamsApiOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        limits = options.Value.Sql;
        clickHouse = new ApiClickHouse(endpoint, limits.Username, limits.Password);
        allowlist = new(() => SqlAllowlist.For(clickHouse.Database));
    }

    /// <summary>Null when the statement may run, else the reason (<c>query: ...</c>).</summary>
    public async Task<string?> CheckAsync(string statement, CancellationToken cancellationToken)
    {
        var lines = await clickHouse.QueryAsync("EXPLAIN AST " + statement, new Dictionary<string, object>(), r => r.GetString(0), cancellationToken, Options(0));
        return SqlSyntaxTree.Parse(lines) is { } tree
            ? allowlist.Value.Check(tree)
            : "query: ClickHouse's parse of the statement could not be read, so it cannot be checked";
    }

    public Task<SqlResult> RunAsync(string statement, CancellationToken cancellationToken)
    {
        var maxRows = limits.MaxResultRows;
        var started = Stopwatch.StartNew();
        return clickHouse.ReadAsync(statement, Options(maxRows), async reader =>
        {
            var columns = Enumerable.Range(0, reader.FieldCount).Select(i => new SqlColumn(reader.GetName(i), reader.GetDataTypeName(i))).ToList();
            var rows = new List<object?[]>();
            var truncated = false;
            while (await reader.ReadAsync(cancellationToken))
            {
                if (rows.Count == maxRows)
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
            return new SqlResult(columns, rows, rows.Count, started.ElapsedMilliseconds, truncated || rows.Count == maxRows);
        }, cancellationToken);
    }

    public void Dispose() => clickHouse.Dispose();

    private QueryOptions Options(int maxResultRows)
    {
        var settings = new Dictionary<string, object>
        {
            ["readonly"] = 1,
            ["max_execution_time"] = limits.MaxExecutionSeconds,
            ["max_rows_to_read"] = limits.MaxRowsToRead,
            ["max_bytes_to_read"] = limits.MaxBytesToRead,
            ["max_memory_usage"] = limits.MaxMemoryUsage,
            ["max_threads"] = limits.MaxThreads,
        };
        if (maxResultRows > 0)
        {
            settings["max_result_rows"] = maxResultRows;
            settings["result_overflow_mode"] = "break";
        }

        return new QueryOptions { CustomSettings = settings };
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
