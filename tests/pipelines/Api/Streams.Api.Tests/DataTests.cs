using System.Net;
using System.Net.Http.Json;
using ClickHouse.Driver;

namespace Streams.Api.Tests;

[Collection(ApiGroup.Name)]
public sealed class DataTests(ApiFixture fixture) : IAsyncLifetime
{
    private static readonly SeedOnce Seed = new();

    public Task InitializeAsync() => Seed.RunAsync(() => SeedAsync(fixture.ClickHouse));

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Anomalies_ThirdPageOfThree_HasTheSeventhAndTheTotal()
    {
        using var client = fixture.Client(fixture.ViewerKey);
        var page = await Problems.JsonAsync(await client.GetAsync(new Uri("/api/anomalies?host=page-host&page=3&pageSize=3", UriKind.Relative)));
        Assert.Equal(7, page.GetProperty("total").GetInt64());
        Assert.Equal(3, page.GetProperty("page").GetInt32());
        Assert.Equal(3, page.GetProperty("pageSize").GetInt32());
        var item = Assert.Single(page.GetProperty("items").EnumerateArray());
        // Newest first: the oldest anomaly (number 6) is last.
        Assert.Equal("pg-6", item.GetProperty("id").GetString());
        var contribution = item.GetProperty("contributions")[0];
        Assert.Equal("cpu.util", contribution.GetProperty("series").GetString());
        Assert.Equal(0.7, contribution.GetProperty("share").GetDouble(), 6);
        Assert.Equal("critical", item.GetProperty("severity").GetString());
    }

    [Fact]
    public async Task Anomalies_MinSeverityCritical_LeavesOutTheInfoOnes()
    {
        using var client = fixture.Client(fixture.ViewerKey);
        var page = await Problems.JsonAsync(await client.GetAsync(new Uri("/api/anomalies?host=page-host&minSeverity=critical", UriKind.Relative)));
        Assert.Equal(4, page.GetProperty("total").GetInt64());
        Assert.All(page.GetProperty("items").EnumerateArray(), a => Assert.Equal("critical", a.GetProperty("severity").GetString()));
        var one = await Problems.JsonAsync(await client.GetAsync(new Uri("/api/anomalies/pg-2", UriKind.Relative)));
        Assert.Equal("page-host", one.GetProperty("host").GetString());
        await Problems.AssertAsync(await client.GetAsync(new Uri("/api/anomalies/none", UriKind.Relative)), HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("/api/anomalies?pageSize=501", "pageSize")]
    [InlineData("/api/anomalies?page=0", "page")]
    [InlineData("/api/anomalies?minSeverity=loud", "minSeverity")]
    [InlineData("/api/alerts?state=burning", "state")]
    [InlineData("/api/hosts?sort=size", "sort")]
    [InlineData("/api/hosts/web-1/metrics?series=cpu.util&step=1x", "step")]
    [InlineData("/api/hosts/web-1/metrics?step=1m", "series")]
    [InlineData("/api/hosts/web-1/metrics?series=cpu.util&from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z", "from")]
    public async Task Get_InvalidParameter_Is400WithTheFieldInErrors(string url, string field)
    {
        using var client = fixture.Client(fixture.ViewerKey);
        var problem = await Problems.AssertAsync(await client.GetAsync(new Uri(url, UriKind.Relative)), HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"no errors.{field} in {problem}");
    }

    [Fact]
    public async Task Get_UnparsableNumber_Is400Problem()
    {
        using var client = fixture.Client(fixture.ViewerKey);
        var problem = await Problems.AssertAsync(await client.GetAsync(new Uri("/api/anomalies?page=abc", UriKind.Relative)), HttpStatusCode.BadRequest);
        Assert.Contains("page", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hosts_SortedByHealth_PutsTheCriticalHostFirstWithItsCounts()
    {
        using var client = fixture.Client(fixture.ViewerKey);
        var page = await Problems.JsonAsync(await client.GetAsync(new Uri("/api/hosts?sort=health&search=api-", UriKind.Relative)));
        var hosts = page.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["api-db", "api-web"], hosts.Select(h => h.GetProperty("host").GetString()));
        Assert.Equal("critical", hosts[0].GetProperty("health").GetString());
        Assert.Equal(1, hosts[0].GetProperty("activeAlerts").GetInt64());
        Assert.Equal("ok", hosts[1].GetProperty("health").GetString());

        var detail = await Problems.JsonAsync(await client.GetAsync(new Uri("/api/hosts/api-db", UriKind.Relative)));
        Assert.Contains("cpu.util", detail.GetProperty("series").EnumerateArray().Select(s => s.GetString()));
        Assert.Single(detail.GetProperty("activeAlerts").EnumerateArray());
        await Problems.AssertAsync(await client.GetAsync(new Uri("/api/hosts/ghost", UriKind.Relative)), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Metrics_OneMinuteStep_AveragesTheWindowsAndGivesABand()
    {
        using var client = fixture.Client(fixture.ViewerKey);
        var range = await Problems.JsonAsync(await client.GetAsync(new Uri("/api/hosts/api-web/metrics?series=cpu.util&step=1m", UriKind.Relative)));
        var points = range.GetProperty("points").EnumerateArray().ToList();
        Assert.InRange(points.Count, 5, 7);
        Assert.All(points, p => Assert.InRange(p.GetProperty("mean").GetDouble(), 0.29, 0.51));
        Assert.Equal(points.Count, range.GetProperty("band").GetArrayLength());
        var band = range.GetProperty("band")[0];
        Assert.True(band.GetProperty("low").GetDouble() < 0.4 && band.GetProperty("high").GetDouble() > 0.4);
        Assert.Equal("1m", range.GetProperty("step").GetString());
    }

    [Fact]
    public async Task Alerts_CurrentStateAndHistory_FollowTheLatestChange()
    {
        using var client = fixture.Client(fixture.ViewerKey);
        var firing = await Problems.JsonAsync(await client.GetAsync(new Uri("/api/alerts?state=firing&host=api-db", UriKind.Relative)));
        var alert = Assert.Single(firing.GetProperty("items").EnumerateArray());
        Assert.Equal("fp-db", alert.GetProperty("fingerprint").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, alert.GetProperty("endsAt").ValueKind);
        var resolved = await Problems.JsonAsync(await client.GetAsync(new Uri("/api/alerts?state=resolved&host=api-web", UriKind.Relative)));
        Assert.Single(resolved.GetProperty("items").EnumerateArray());
        var history = await Problems.JsonAsync(await client.GetAsync(new Uri("/api/alerts/fp-web/history", UriKind.Relative)));
        Assert.Equal(["pending", "firing", "resolved"], history.GetProperty("items").EnumerateArray().Select(a => a.GetProperty("state").GetString()));
    }

    [Fact]
    public async Task Ack_ByOperator_Is202AndRecordsTheKeysName()
    {
        using var viewer = fixture.Client(fixture.ViewerKey);
        await Problems.AssertAsync(await viewer.PostAsJsonAsync("/api/alerts/fp-db/ack", new { comment = "mine" }), HttpStatusCode.Forbidden);
        using var operatorClient = fixture.Client(fixture.OperatorKey);
        var accepted = await Problems.JsonAsync(await operatorClient.PostAsJsonAsync("/api/alerts/fp-db/ack", new { comment = "mine" }), HttpStatusCode.Accepted);
        Assert.Equal("olga", accepted.GetProperty("acknowledgedBy").GetString());
        await Problems.AssertAsync(await operatorClient.PostAsJsonAsync("/api/alerts/nope/ack", new { comment = "x" }), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Changes_RankTheSeriesByContributedShare()
    {
        using var client = fixture.Client(fixture.ViewerKey);
        var changes = await Problems.JsonAsync(await client.GetAsync(new Uri("/api/changes?limit=2", UriKind.Relative)));
        var first = changes[0];
        Assert.Equal("cpu.util", first.GetProperty("series").GetString());
        Assert.True(first.GetProperty("shareSum").GetDouble() > changes[1].GetProperty("shareSum").GetDouble());
    }

    [Fact]
    public async Task Sql_SelectRunsAndWritesAreRefused()
    {
        using var client = fixture.Client(fixture.AdminKey);
        var result = await Problems.JsonAsync(await client.PostAsJsonAsync("/api/sql", new { query = "SELECT host, count() AS n FROM anomalies WHERE host = 'page-host' GROUP BY host;" }));
        Assert.Equal(["host", "n"], result.GetProperty("columns").EnumerateArray().Select(c => c.GetProperty("name").GetString()));
        Assert.Equal("page-host", result.GetProperty("rows")[0][0].GetString());
        Assert.False(result.GetProperty("truncated").GetBoolean());

        var big = await Problems.JsonAsync(await client.PostAsJsonAsync("/api/sql", new { query = "SELECT number FROM system.numbers LIMIT 20000" }));
        Assert.True(big.GetProperty("truncated").GetBoolean());
        Assert.Equal(10_000, big.GetProperty("rows").GetArrayLength());

        foreach (var refused in new[] { "DROP TABLE anomalies", "SELECT 1; DROP TABLE anomalies", "SELECT 1 SETTINGS readonly=0", "INSERT INTO anomalies (id) VALUES ('x')", "SELECT * FROM file('/etc/hostname', 'LineAsString')" })
        {
            var problem = await Problems.AssertAsync(await client.PostAsJsonAsync("/api/sql", new { query = refused }), HttpStatusCode.BadRequest);
            Assert.True(problem.GetProperty("errors").TryGetProperty("query", out _), refused);
        }

        await Problems.AssertAsync(await client.PostAsJsonAsync("/api/sql", new { query = "SELECT nope FROM nowhere" }), HttpStatusCode.BadRequest);
        Assert.Equal(1, Convert.ToInt64(await fixture.ClickHouse.ExecuteScalarAsync("SELECT count() > 0 FROM anomalies"), System.Globalization.CultureInfo.InvariantCulture));
    }

    private static async Task SeedAsync(ClickHouseClient clickHouse)
    {
        await clickHouse.ExecuteNonQueryAsync(
            "INSERT INTO anomalies (id, host, series, window_start, window_end, score, threshold, severity, model, model_version, contribution_series, contribution_share, " +
            "contribution_value, contribution_expected, consecutive_windows, tags, detected_at) " +
            "SELECT concat('pg-', toString(number)), 'page-host', 'cpu.util', now64(3) - toIntervalSecond(number * 10 + 20), now64(3) - toIntervalSecond(number * 10 + 10), " +
            "5.0 + number, 2.0, if(number % 2 = 0, 'CRITICAL', 'INFO'), 'ensemble', 'v1', ['cpu.util', 'mem.used'], [0.7, 0.3], [0.9, NULL], [0.2, NULL], 1, map('role', 'web'), now64(3) " +
            "FROM numbers(7)");
        // Two hosts sending 10 s windows for the last 6 minutes; cpu.util around 0.4.
        await clickHouse.ExecuteNonQueryAsync(
            "INSERT INTO metric_windows (window_start, window_end, window_size_ms, host, series, metric, unit, count, min, max, mean, stddev, last, p95) " +
            "SELECT now64(3) - toIntervalSecond(number * 10 + 10) AS s, s + toIntervalSecond(10), 10000, h, 'cpu.util', 'cpu.util', 'ratio', 10, " +
            "0.2, 0.6, 0.3 + (number % 3) * 0.1, 0.05, 0.4, 0.55 FROM numbers(36) ARRAY JOIN ['api-web', 'api-db'] AS h");
        await clickHouse.ExecuteNonQueryAsync(
            "INSERT INTO alerts (fingerprint, rule_id, rule_version, state, severity, labels, annotations, value, starts_at, ends_at, updated_at, group_key, anomaly_ids, " +
            "acknowledged_by, silence_id, escalation_level, flapping) VALUES " +
            "('fp-web', 'cpu-high', 1, 'PENDING', 'WARNING', map('host', 'api-web'), map(), 0.95, now64(3) - INTERVAL 300 SECOND, NULL, now64(3) - INTERVAL 300 SECOND, 'g', [], NULL, NULL, 0, false), " +
            "('fp-web', 'cpu-high', 1, 'FIRING', 'WARNING', map('host', 'api-web'), map(), 0.97, now64(3) - INTERVAL 300 SECOND, NULL, now64(3) - INTERVAL 240 SECOND, 'g', [], NULL, NULL, 0, false), " +
            "('fp-web', 'cpu-high', 1, 'RESOLVED', 'WARNING', map('host', 'api-web'), map(), 0.5, now64(3) - INTERVAL 300 SECOND, now64(3) - INTERVAL 60 SECOND, now64(3) - INTERVAL 60 SECOND, 'g', [], NULL, NULL, 0, false), " +
            "('fp-db', 'disk-full', 2, 'FIRING', 'CRITICAL', map('host', 'api-db'), map('summary', 'disk full'), 0.99, now64(3) - INTERVAL 120 SECOND, NULL, now64(3) - INTERVAL 100 SECOND, 'g', [], NULL, NULL, 0, false)");
    }
}
