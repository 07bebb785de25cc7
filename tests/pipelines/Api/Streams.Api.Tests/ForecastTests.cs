using System.Net;
using ClickHouse.Driver;

namespace Streams.Api.Tests;

/// <summary>GET /api/capacity, /api/capacity/headroom, /api/hosts/{host}/forecast and the forecast rule preview over forecasts rows as the sink writes them.</summary>
[Collection(ApiGroup.Name)]
public sealed class ForecastTests(ApiFixture fixture) : IAsyncLifetime
{
    private static readonly SeedOnce Seed = new();

    public Task InitializeAsync() => Seed.RunAsync(() => SeedAsync(fixture.ClickHouse));

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Capacity_Default_SoonestExpectedFirstNeverLastLatestForecastOnly()
    {
        using var client = fixture.Client(fixture.ViewerKey);

        var page = await Problems.JsonAsync(await client.GetAsync(new Uri("/api/capacity", UriKind.Relative)));

        Assert.Equal(3, page.GetProperty("total").GetInt64());
        var items = page.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["fc-web-2|mem.used.percent", "fc-db-1|fs.used.percent{mount=/}", "fc-db-1|fs.used.percent{mount=/var}"],
            items.Select(i => i.GetProperty("host").GetString() + "|" + i.GetProperty("series").GetString()));
        var root = items[1];
        Assert.Equal("/", root.GetProperty("tags").GetProperty("mount").GetString());
        Assert.Equal("HOLT_WINTERS", root.GetProperty("model").GetString());
        Assert.Equal(100, root.GetProperty("limit").GetDouble());
        Assert.Equal("RISING", root.GetProperty("direction").GetString());
        Assert.InRange((root.GetProperty("exhaustionExpected").GetDateTimeOffset() - DateTimeOffset.UtcNow).TotalHours, 51, 52.1);
        // Counted from the request, to the minute: a few seconds after seeding.
        Assert.Matches(@"^reaches 100 in 2d(4h|3h5\dm) \(between (8h|7h5\dm) and 2d(11h|10h5\dm)\)$", root.GetProperty("summary").GetString());
        Assert.Equal(JsonValueKindNull, items[2].GetProperty("exhaustionExpected").ValueKind);
        Assert.Equal("does not reach 100 within the horizon", items[2].GetProperty("summary").GetString());
    }

    [Fact]
    public async Task Capacity_SortEarliest_RanksByTheBandsBound()
    {
        using var client = fixture.Client(fixture.ViewerKey);

        var page = await Problems.JsonAsync(await client.GetAsync(new Uri("/api/capacity?sort=earliest&pageSize=2", UriKind.Relative)));

        Assert.Equal(["fc-db-1", "fc-web-2"], page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("host").GetString()));
        Assert.Equal(3, page.GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task Capacity_WithinAndMetric_FilterTheSeries()
    {
        using var client = fixture.Client(fixture.ViewerKey);

        var within = await Problems.JsonAsync(await client.GetAsync(new Uri("/api/capacity?within=10h", UriKind.Relative)));
        var memory = await Problems.JsonAsync(await client.GetAsync(new Uri("/api/capacity?metric=mem.used.percent", UriKind.Relative)));

        Assert.Equal("fs.used.percent{mount=/}", Assert.Single(within.GetProperty("items").EnumerateArray()).GetProperty("series").GetString());
        Assert.Equal("fc-web-2", Assert.Single(memory.GetProperty("items").EnumerateArray()).GetProperty("host").GetString());
    }

    [Fact]
    public async Task Headroom_ByRole_CountsMediansAndTheMostAtRiskFirst()
    {
        using var client = fixture.Client(fixture.ViewerKey);

        var report = await Problems.JsonAsync(await client.GetAsync(new Uri("/api/capacity/headroom", UriKind.Relative)));

        Assert.Equal("role", report.GetProperty("by").GetString());
        var groups = report.GetProperty("groups").EnumerateArray().ToList();
        Assert.Equal(["web|mem.used.percent", "db|fs.used.percent"], groups.Select(g => g.GetProperty("value").GetString() + "|" + g.GetProperty("metric").GetString()));
        var (web, db) = (groups[0], groups[1]);
        Assert.Equal((1, 1, 1, 1), (web.GetProperty("series").GetInt32(), web.GetProperty("hosts").GetInt32(), web.GetProperty("exhaustWithin24h").GetInt32(), web.GetProperty("exhaustWithin7d").GetInt32()));
        Assert.Equal((2, 1, 0, 1), (db.GetProperty("series").GetInt32(), db.GetProperty("hosts").GetInt32(), db.GetProperty("exhaustWithin24h").GetInt32(), db.GetProperty("exhaustWithin7d").GetInt32()));
        // last value 91.5 of a limit of 100: 8.5 % free.
        Assert.Equal(0.085, db.GetProperty("medianHeadroom").GetDouble(), 9);
        // The median of "in 52 h" and "beyond the horizon" is the earlier: beyond cannot be averaged.
        Assert.InRange((db.GetProperty("medianExhaustion").GetDateTimeOffset() - DateTimeOffset.UtcNow).TotalHours, 51, 52.1);
    }

    [Fact]
    public async Task Headroom_ByATagSomeSeriesLack_GroupsThemUnderNull()
    {
        using var client = fixture.Client(fixture.ViewerKey);

        var report = await Problems.JsonAsync(await client.GetAsync(new Uri("/api/capacity/headroom?by=mount", UriKind.Relative)));

        var groups = report.GetProperty("groups").EnumerateArray().ToList();
        Assert.Equal(3, groups.Count);
        var untagged = Assert.Single(groups, g => g.GetProperty("value").ValueKind == JsonValueKindNull);
        Assert.Equal("mem.used.percent", untagged.GetProperty("metric").GetString());
        Assert.Equal(JsonValueKindNull, groups.Single(g => g.GetProperty("value").GetString() == "/var").GetProperty("medianExhaustion").ValueKind);
    }

    [Fact]
    public async Task Preview_ForecastRule_ReplaysTheForecastsEachJudgedWhenMade()
    {
        await SeedPreviewAsync(fixture.ClickHouse);
        using var viewer = fixture.Client(fixture.ViewerKey);

        var expected = await PreviewAsync(viewer, """ "horizon": "24h" """);
        var upper = await PreviewAsync(viewer, """ "horizon": "24h", "bound": "upper" """);
        var ownLimit = await PreviewAsync(viewer, """ "horizon": "24h", "limit": 0.925 """);
        var ownLimitNeverReached = await PreviewAsync(viewer, """ "horizon": "24h", "limit": 0.95 """);

        // Rows 4-8 (57 to 53 hours ago) expect the limit within 10 h; row 9 does not: one episode of 5 h.
        var (start, end) = Episode(expected);
        Assert.InRange((DateTimeOffset.UtcNow - start).TotalHours, 56.9, 57.1);
        Assert.Equal(5, (end!.Value - start).TotalHours, 3);
        // The band's bound reaches it from row 2 to row 9: 8 h.
        var (upperStart, upperEnd) = Episode(upper);
        Assert.Equal(8, (upperEnd!.Value - upperStart).TotalHours, 3);
        // The rule's own limit is judged on the points: 0.925 is crossed 1.5 h after each origin, on every row, so it still fires.
        var (ownStart, ownEnd) = Episode(ownLimit);
        Assert.InRange((DateTimeOffset.UtcNow - ownStart).TotalHours, 60.9, 61.1);
        Assert.Null(ownEnd);
        Assert.Equal(0, ownLimitNeverReached.GetProperty("fired").GetInt32());
        Assert.True(expected.GetProperty("evaluatedWindows").GetInt64() >= 12);
    }

    [Fact]
    public async Task HostForecast_Filesystems_EachMountWithItsPoints()
    {
        using var client = fixture.Client(fixture.ViewerKey);

        var forecast = await Problems.JsonAsync(await client.GetAsync(new Uri("/api/hosts/fc-db-1/forecast?metric=fs.used.percent", UriKind.Relative)));

        Assert.Equal("fc-db-1", forecast.GetProperty("host").GetString());
        var series = forecast.GetProperty("series").EnumerateArray().ToList();
        Assert.Equal(2, series.Count);
        var root = series.Single(s => s.GetProperty("capacity").GetProperty("series").GetString() == "fs.used.percent{mount=/}");
        Assert.Equal("1h", root.GetProperty("step").GetString());
        Assert.Equal(0.4, root.GetProperty("residualSigma").GetDouble());
        var points = root.GetProperty("points").EnumerateArray().ToList();
        Assert.Equal([91.7, 92.0, 92.3], points.Select(p => p.GetProperty("expected").GetDouble()));
        Assert.Equal([95.0, 96.0, 97.0], points.Select(p => p.GetProperty("upper").GetDouble()));
        Assert.Equal(TimeSpan.FromHours(1), points[1].GetProperty("t").GetDateTimeOffset() - points[0].GetProperty("t").GetDateTimeOffset());
    }

    [Fact]
    public async Task HostForecast_UnknownHostOrStaleForecast_Is404Problem()
    {
        using var client = fixture.Client(fixture.ViewerKey);

        await Problems.AssertAsync(await client.GetAsync(new Uri("/api/hosts/fc-none/forecast?metric=fs.used.percent", UriKind.Relative)), HttpStatusCode.NotFound);
        await Problems.AssertAsync(await client.GetAsync(new Uri("/api/hosts/fc-old/forecast?metric=mem.used.percent", UriKind.Relative)), HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("/api/capacity?within=soon", "within")]
    [InlineData("/api/capacity?within=0", "within")]
    [InlineData("/api/capacity?sort=size", "sort")]
    [InlineData("/api/capacity?pageSize=10001", "pageSize")]
    [InlineData("/api/hosts/fc-db-1/forecast", "metric")]
    [InlineData("/api/capacity/headroom?by=no%20spaces", "by")]
    [InlineData("/api/capacity/headroom?by=", "by")]
    public async Task Get_InvalidParameter_Is400WithTheFieldInErrors(string url, string field)
    {
        using var client = fixture.Client(fixture.ViewerKey);

        var problem = await Problems.AssertAsync(await client.GetAsync(new Uri(url, UriKind.Relative)), HttpStatusCode.BadRequest);

        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"no errors.{field} in {problem}");
    }

    [Fact]
    public async Task OpenApi_ForecastRoutes_AreDescribed()
    {
        using var client = fixture.Client(fixture.ViewerKey);

        var paths = (await Problems.JsonAsync(await client.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative)))).GetProperty("paths");

        foreach (var path in new[] { "/api/capacity", "/api/capacity/headroom", "/api/hosts/{host}/forecast" })
        {
            Assert.True(paths.TryGetProperty(path, out var item), path + " is not in the OpenAPI document");
            Assert.Contains("description", item.GetProperty("get").EnumerateObject().Select(p => p.Name));
        }
    }

    private const System.Text.Json.JsonValueKind JsonValueKindNull = System.Text.Json.JsonValueKind.Null;

    private static async Task SeedAsync(ClickHouseClient clickHouse)
    {
        string[] rows =
        [
            // Superseded by the next row: the capacity view must take the latest per series.
            Row("fc-db-1", "fs.used.percent{mount=/}", "now64(3) - INTERVAL 3 HOUR", "1 HOUR", "1 HOUR", "2 HOUR"),
            Row("fc-db-1", "fs.used.percent{mount=/}", "now64(3)", "52 HOUR", "8 HOUR", "59 HOUR"),
            Row("fc-db-1", "fs.used.percent{mount=/var}", "now64(3)", null, null, null),
            Row("fc-web-2", "mem.used.percent", "now64(3)", "20 HOUR", "12 HOUR", "30 HOUR"),
            Row("fc-old", "mem.used.percent", "now64(3) - INTERVAL 5 DAY", "1 HOUR", "1 HOUR", "1 HOUR"),
        ];
        await clickHouse.ExecuteNonQueryAsync("INSERT INTO forecasts " + string.Join(" UNION ALL ", rows));
    }

    /// <summary>
    /// Twelve hourly forecasts of pvf-db-1 made 61 to 50 hours ago: older than the capacity routes'
    /// two days (so they leave those tests alone), within a 72 h preview.
    /// </summary>
    private static async Task SeedPreviewAsync(ClickHouseClient clickHouse) =>
        await clickHouse.ExecuteNonQueryAsync(
            "INSERT INTO forecasts SELECT now64(3) - toIntervalHour(61 - number) AS g, 'pvf-db-1', 'fs.used.percent{mount=/}', 'fs.used.percent', map('mount', '/'), 'LINEAR', 0, 3600000, " +
            "g - INTERVAL 1 HOUR, 0.9, 0.95, 0.01, 1, 'RISING', if(number BETWEEN 4 AND 8, g + INTERVAL 10 HOUR, NULL), if(number BETWEEN 2 AND 9, g + INTERVAL 5 HOUR, NULL), NULL, " +
            "[g, g + INTERVAL 1 HOUR, g + INTERVAL 2 HOUR], [0.91, 0.92, 0.93], [0.9, 0.9, 0.9], [0.92, 0.94, 0.96] FROM numbers(12)");

    private static async Task<System.Text.Json.JsonElement> PreviewAsync(HttpClient client, string condition)
    {
        var rule = $$"""{ "name": "Full soon", "kind": "forecast", "for": "0s", "scope": { "hosts": ["pvf-*"] }, "forecast": { "metric": "fs.used.percent", {{condition}} } }""";
        using var body = new StringContent(rule, System.Text.Encoding.UTF8, "application/json");
        return await Problems.JsonAsync(await client.PostAsync(new Uri("/api/rules/preview?hours=72", UriKind.Relative), body));
    }

    private static (DateTimeOffset Start, DateTimeOffset? End) Episode(System.Text.Json.JsonElement preview)
    {
        Assert.Equal(1, preview.GetProperty("fired").GetInt32());
        var host = Assert.Single(preview.GetProperty("hosts").EnumerateArray());
        Assert.Equal("pvf-db-1", host.GetProperty("host").GetString());
        var episode = Assert.Single(host.GetProperty("episodes").EnumerateArray());
        var end = episode.GetProperty("end");
        return (episode.GetProperty("start").GetDateTimeOffset(), end.ValueKind == JsonValueKindNull ? null : end.GetDateTimeOffset());
    }

    private static string Row(string host, string series, string generated, string? expected, string? earliest, string? latest)
    {
        var metric = series.Split('{')[0];
        var role = host.Contains("-db-", StringComparison.Ordinal) ? "db" : "web";
        var tags = series.Contains('{', StringComparison.Ordinal) ? $"map('mount', '{series.Split('=')[1].TrimEnd('}')}', 'role', '{role}')" : $"map('role', '{role}')";
        static string In(string? offset) => offset is null ? "NULL" : $"now64(3) + INTERVAL {offset}";
        return $"SELECT {generated}, '{host}', '{series}', '{metric}', {tags}, 'HOLT_WINTERS', 24, 3600000, now64(3) - INTERVAL 1 HOUR, 91.5, 0.95, 0.4, 100, 'RISING', " +
            $"{In(expected)}, {In(earliest)}, {In(latest)}, [now64(3), now64(3) + INTERVAL 1 HOUR, now64(3) + INTERVAL 2 HOUR], [91.7, 92, 92.3], [88.4, 88, 87.6], [95, 96, 97]";
    }
}
