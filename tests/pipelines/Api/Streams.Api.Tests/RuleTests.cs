using System.Net;
using System.Net.Http.Json;
using System.Text;

namespace Streams.Api.Tests;

[Collection(ApiGroup.Name)]
public sealed class RuleTests(ApiFixture fixture)
{
    private const string CpuRule =
        """{ "name": "CPU busy", "kind": "threshold", "severity": "major", "for": "30s", "threshold": { "metric": "cpu.util", "comparator": ">", "value": 0.9, "clear": 0.8 } }""";

    [Fact]
    public async Task PutRule_Twice_BumpsTheVersionAndDeleteRemovesIt()
    {
        using var admin = fixture.Client(fixture.AdminKey);
        var first = await Problems.JsonAsync(await admin.PutAsync(new Uri("/api/rules/cpu-busy", UriKind.Relative), Json(CpuRule)));
        Assert.Equal(1, first.GetProperty("version").GetInt32());
        Assert.Equal("30s", first.GetProperty("for").GetString());
        var second = await Problems.JsonAsync(await admin.PutAsync(new Uri("/api/rules/cpu-busy", UriKind.Relative), Json(CpuRule)));
        Assert.Equal(2, second.GetProperty("version").GetInt32());

        using var viewer = fixture.Client(fixture.ViewerKey);
        var stored = await Problems.JsonAsync(await viewer.GetAsync(new Uri("/api/rules/cpu-busy", UriKind.Relative)));
        Assert.Equal("cpu-busy", stored.GetProperty("id").GetString());
        var all = await Problems.JsonAsync(await viewer.GetAsync(new Uri("/api/rules?pageSize=500", UriKind.Relative)));
        Assert.Contains(all.GetProperty("items").EnumerateArray(), r => r.GetProperty("id").GetString() == "cpu-busy");

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync(new Uri("/api/rules/cpu-busy", UriKind.Relative))).StatusCode);
        await Problems.AssertAsync(await viewer.GetAsync(new Uri("/api/rules/cpu-busy", UriKind.Relative)), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task PutRule_Invalid_Is400WithEveryErrorByField()
    {
        using var admin = fixture.Client(fixture.AdminKey);
        var body = """{ "name": "", "kind": "threshold", "for": "2d", "threshold": { "metric": "", "value": 0.9, "clear": 0.95 } }""";
        var problem = await Problems.AssertAsync(await admin.PutAsync(new Uri("/api/rules/bad-rule", UriKind.Relative), Json(body)), HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        foreach (var field in new[] { "name", "for", "threshold.metric", "threshold.clear" })
        {
            Assert.True(errors.TryGetProperty(field, out _), $"no errors.{field} in {errors}");
        }
    }

    [Fact]
    public async Task PutRule_MalformedJson_Is400NamingThePath()
    {
        using var admin = fixture.Client(fixture.AdminKey);
        var problem = await Problems.AssertAsync(
            await admin.PutAsync(new Uri("/api/rules/x", UriKind.Relative), Json("""{ "name": "x", "kind": "sideways" }""")), HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("kind", out _), problem.ToString());
        await Problems.AssertAsync(await admin.PutAsync(new Uri("/api/rules/other", UriKind.Relative), Json(CpuRule.Replace("{ \"name\"", "{ \"id\": \"mismatch\", \"name\"", StringComparison.Ordinal))), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Preview_ThresholdUnderTheData_FiresOncePerHostAndAboveItNever()
    {
        await fixture.ClickHouse.ExecuteNonQueryAsync(
            "INSERT INTO metric_windows (window_start, window_end, window_size_ms, host, series, metric, unit, count, min, max, mean, stddev, last, p95) " +
            "SELECT now64(3) - toIntervalSecond(600 - number * 10) AS s, s + toIntervalSecond(10), 10000, 'preview-host', 'load.1m', 'load.1m', '', 10, " +
            "1, 9, if(number BETWEEN 10 AND 30, 8.0, 1.0), 0.1, 1, 8 FROM numbers(50)");
        using var viewer = fixture.Client(fixture.ViewerKey);
        var rule = """{ "name": "Load", "kind": "threshold", "for": "30s", "scope": { "hosts": ["preview-*"] }, "threshold": { "metric": "load.1m", "value": 5 } }""";
        var preview = await Problems.JsonAsync(await viewer.PostAsync(new Uri("/api/rules/preview?hours=1", UriKind.Relative), Json(rule)));
        Assert.Equal(1, preview.GetProperty("fired").GetInt32());
        var host = Assert.Single(preview.GetProperty("hosts").EnumerateArray());
        Assert.Equal("preview-host", host.GetProperty("host").GetString());
        var episode = Assert.Single(host.GetProperty("episodes").EnumerateArray());
        var length = episode.GetProperty("end").GetDateTimeOffset() - episode.GetProperty("start").GetDateTimeOffset();
        Assert.InRange(length.TotalSeconds, 150, 200);
        Assert.True(preview.GetProperty("evaluatedWindows").GetInt64() >= 50);

        var never = await Problems.JsonAsync(await viewer.PostAsync(new Uri("/api/rules/preview", UriKind.Relative), Json(rule.Replace("\"value\": 5", "\"value\": 50", StringComparison.Ordinal))));
        Assert.Equal(0, never.GetProperty("fired").GetInt32());
        await Problems.AssertAsync(await viewer.PostAsync(new Uri("/api/rules/preview?hours=500", UriKind.Relative), Json(rule)), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Preferences_InvalidThenValid_ListsErrorsThenStoresIt()
    {
        using var admin = fixture.Client(fixture.AdminKey);
        var invalid = await Problems.AssertAsync(
            await admin.PutAsync(new Uri("/api/preferences/web-oncall", UriKind.Relative), Json("""{ "name": "Web", "team": "web", "channels": [ { "type": "email", "address": "not-an-email" } ] }""")),
            HttpStatusCode.BadRequest);
        Assert.Contains("address", invalid.GetProperty("errors").ToString(), StringComparison.Ordinal);

        var valid = """{ "name": "Web", "team": "web", "channels": [ { "type": "email", "address": "web@example.com" } ], "minSeverity": "warning" }""";
        var stored = await Problems.JsonAsync(await admin.PutAsync(new Uri("/api/preferences/web-oncall", UriKind.Relative), Json(valid)));
        Assert.Equal("web-oncall", stored.GetProperty("id").GetString());
        using var viewer = fixture.Client(fixture.ViewerKey);
        var read = await Problems.JsonAsync(await viewer.GetAsync(new Uri("/api/preferences/web-oncall", UriKind.Relative)));
        Assert.Equal("web@example.com", read.GetProperty("preference").GetProperty("channels")[0].GetProperty("address").GetString());
        await Problems.AssertAsync(await viewer.DeleteAsync(new Uri("/api/preferences/web-oncall", UriKind.Relative)), HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync(new Uri("/api/preferences/web-oncall", UriKind.Relative))).StatusCode);
        await Problems.AssertAsync(await viewer.GetAsync(new Uri("/api/preferences/web-oncall", UriKind.Relative)), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Preferences_WebhookToMetadataOrLocalhost_RejectedByFieldAndNotStored()
    {
        using var admin = fixture.Client(fixture.AdminKey);
        var invalid = await Problems.AssertAsync(
            await admin.PutAsync(new Uri("/api/preferences/ssrf", UriKind.Relative), Json("""{ "team": "web", "channels": [ { "type": "webhook", "url": "http://169.254.169.254/latest/meta-data/" }, { "type": "slack", "url": "http://localhost:9/x" } ] }""")),
            HttpStatusCode.BadRequest);

        var errors = invalid.GetProperty("errors").ToString();
        Assert.Contains("169.254.169.254 is link-local (cloud metadata)", errors, StringComparison.Ordinal);
        Assert.Contains("localhost is loopback", errors, StringComparison.Ordinal);
        await Problems.AssertAsync(await admin.GetAsync(new Uri("/api/preferences/ssrf", UriKind.Relative)), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Body_LargerThanTheLimit_Is413Problem()
    {
        using var admin = fixture.Client(fixture.AdminKey);
        var huge = "{ \"name\": \"" + new string('x', 1_100_000) + "\" }";
        await Problems.AssertAsync(await admin.PutAsync(new Uri("/api/rules/huge", UriKind.Relative), Json(huge)), HttpStatusCode.RequestEntityTooLarge);
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}
