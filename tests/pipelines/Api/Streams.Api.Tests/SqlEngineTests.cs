using System.Net;
using System.Net.Http.Json;
using ClickHouse.Driver;

namespace Streams.Api.Tests;

/// <summary>
/// The analyst SQL checks against the ClickHouse engine in use, reading what it offers at test
/// time: a table function or function that a newer engine adds must be refused until the
/// allowlist names it, however it is spelled or wrapped.
/// </summary>
[Collection(ApiGroup.Name)]
public sealed class SqlEngineTests(ApiFixture fixture)
{
    private static readonly string[] TableFunctionsAllowed = ["numbers", "zeros", "values", "generate_series", "generateSeries", "view"];

    [Fact]
    public async Task EveryTableFunctionNotAllowed_IsRefusedHoweverItIsWritten()
    {
        var names = await ReadAsync(fixture.ClickHouse, "SELECT name FROM system.table_functions");
        Assert.True(names.Count >= 50, $"only {names.Count} table functions listed");
        var misses = new List<string>();
        foreach (var name in names.Where(n => !TableFunctionsAllowed.Contains(n, StringComparer.OrdinalIgnoreCase)))
        {
            foreach (var query in Spellings(name, "FROM {0}('/etc/hostname')"))
            {
                if (!await RefusedAsync(query))
                {
                    misses.Add(query);
                }
            }
        }

        Assert.Empty(misses);
    }

    [Fact]
    public async Task EveryFunctionNotAllowed_IsRefusedAndNoneSharesItsNameWithAnAllowedOne()
    {
        var rows = await ReadAsync(fixture.ClickHouse, "SELECT name FROM system.functions");
        var allowlist = Data.SqlAllowlist.For("api_tests");
        var refused = rows.Where(n => !allowlist.AllowsFunction(n)).ToList();
        Assert.Contains("file", refused);
        Assert.Contains("hostName", refused);
        Assert.Contains("dictGet", refused);

        // Names compare without case: a refused function may not differ from an allowed one by case alone.
        Assert.DoesNotContain(rows, n => allowlist.AllowsFunction(n) && refused.Contains(n, StringComparer.OrdinalIgnoreCase));
        var misses = new List<string>();
        foreach (var name in refused)
        {
            if (!await RefusedAsync($"SELECT {name}('/etc/hostname')"))
            {
                misses.Add(name);
            }
        }

        Assert.Empty(misses);
    }

    [Fact]
    public async Task FunctionsThatReachOutside_AreRefusedInEveryWrapping()
    {
        // The engine's own description of what reads files, URLs, servers or dictionaries.
        var names = await ReadAsync(fixture.ClickHouse,
            "SELECT name FROM system.functions WHERE categories IN ('Dictionary', 'AI', 'Introspection') OR name IN ('file', 'catboostEvaluate', 'getServerSetting', 'getSetting', 'getMacro', 'joinGet', 'filesystemAvailable', 'showCertificate')");
        Assert.Contains("file", names);
        var misses = new List<string>();
        foreach (var name in names)
        {
            foreach (var query in Spellings(name, "FROM numbers(1) WHERE {0}('/etc/hostname') != ''"))
            {
                if (!await RefusedAsync(query))
                {
                    misses.Add(query);
                }
            }
        }

        Assert.Empty(misses);
    }

    [Theory]
    [InlineData("SELECT host, avg(score), countIf(score > threshold), quantilesTDigest(0.5, 0.99)(score) FROM anomalies GROUP BY host ORDER BY 2 DESC LIMIT 5")]
    [InlineData("WITH recent AS (SELECT * FROM alerts WHERE changed_at > now() - INTERVAL 1 DAY) SELECT state, count() FROM recent GROUP BY state")]
    [InlineData("SELECT arrayMap(x -> x * 2, [1, 2]), toStartOfInterval(now(), INTERVAL 5 MINUTE), row_number() OVER (ORDER BY number) FROM numbers(3)")]
    [InlineData("SELECT name, type FROM system.columns WHERE database = currentDatabase() AND table = 'anomalies'")]
    [InlineData("DESCRIBE TABLE metric_windows")]
    [InlineData("SHOW TABLES")]
    [InlineData("SELECT * FROM view(SELECT host FROM anomalies) LIMIT 1")]
    public async Task AnalystQueries_PassTheChecks(string query)
    {
        Assert.Null(await fixture.Sql.CheckAsync(query, CancellationToken.None));
    }

    [Fact]
    public async Task Api_AdminKey_ReadingAFileOrTheAdminKey_Is400NamingTheFunction()
    {
        using var admin = fixture.Client(fixture.AdminKey);
        foreach (var (query, name) in new[]
        {
            ($"SELECT name, content FROM filesystem('{fixture.DataDir}')", "filesystem"),
            ("SELECT * FROM merge('system', '^users$')", "merge"),
            ("SELECT file('admin.key')", "file"),
            ("SELECT * FROM (SELECT * FROM FILE('/etc/hostname', 'LineAsString'))", "FILE"),
            ("SELECT 'admin' IN system.users", "system.users"),
        })
        {
            var problem = await Problems.AssertAsync(await admin.PostAsJsonAsync("/api/sql", new { query }), HttpStatusCode.BadRequest);
            Assert.Contains(name, problem.GetProperty("errors").GetProperty("query")[0].GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Api_AQueryPastTheReadLimit_IsStoppedByClickHouse()
    {
        using var admin = fixture.Client(fixture.AdminKey);
        var response = await admin.PostAsJsonAsync("/api/sql", new { query = "SELECT * FROM numbers(10000000000) ORDER BY number DESC LIMIT 1" });
        var problem = await Problems.AssertAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("TOO_MANY_ROWS", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    // A statement ClickHouse cannot parse is refused too (400), so it counts as refused here.
    private async Task<bool> RefusedAsync(string query)
    {
        try
        {
            return await fixture.Sql.CheckAsync(query, CancellationToken.None) is not null;
        }
        catch (System.Data.Common.DbException e) when (e.Message.Contains("SYNTAX_ERROR", StringComparison.Ordinal))
        {
            return true;
        }
    }

    private static IEnumerable<string> Spellings(string name, string template)
    {
        var upper = name.ToUpperInvariant();
        var inner = "SELECT * " + string.Format(System.Globalization.CultureInfo.InvariantCulture, template, name);
        yield return inner;
        yield return "SELECT * " + string.Format(System.Globalization.CultureInfo.InvariantCulture, template, upper);
        yield return "SELECT * " + string.Format(System.Globalization.CultureInfo.InvariantCulture, template, $"`{name}`");
        yield return "SELECT * " + string.Format(System.Globalization.CultureInfo.InvariantCulture, template, $"\"{name}\"");
        yield return "SELECT * " + string.Format(System.Globalization.CultureInfo.InvariantCulture, template, $"/* x */ {name} /* y */");
        yield return $"SELECT * FROM ({inner})";
        yield return $"WITH t AS ({inner}) SELECT * FROM t";
        yield return $"SELECT * FROM view({inner})";
        yield return $"SELECT 1 WHERE 1 IN ({inner})";
    }

    private static async Task<List<string>> ReadAsync(ClickHouseClient clickHouse, string sql)
    {
        var names = new List<string>();
        using var reader = await clickHouse.ExecuteReaderAsync(sql);
        while (await reader.ReadAsync())
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }
}
