using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using Streams.Api.Auth;

namespace Streams.Api.Tests;

[Collection(ApiGroup.Name)]
public sealed class AuthTests(ApiFixture fixture)
{
    [Fact]
    public async Task Get_WithoutKey_Is401Problem()
    {
        using var client = fixture.Client();
        var problem = await Problems.AssertAsync(await client.GetAsync(new Uri("/api/hosts", UriKind.Relative)), HttpStatusCode.Unauthorized);
        Assert.Contains("API key", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_WithUnknownKey_Is401Problem()
    {
        using var client = fixture.Client("stk_not-a-key");
        await Problems.AssertAsync(await client.GetAsync(new Uri("/api/rules", UriKind.Relative)), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Get_WithViewerKeyInXApiKeyHeader_Succeeds()
    {
        using var client = fixture.Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/rules");
        request.Headers.Add("X-Api-Key", fixture.ViewerKey);
        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task PutRule_WithViewerKey_Is403Problem()
    {
        using var client = fixture.Client(fixture.ViewerKey);
        var response = await client.PutAsync(new Uri("/api/rules/x", UriKind.Relative), JsonContent.Create(new { }));
        await Problems.AssertAsync(response, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Silence_WithViewerKey_IsForbiddenButOperatorMayCreateOne()
    {
        var body = new { matchers = new[] { "host=\"web-1\"" }, duration = "2h", comment = "maintenance" };
        using var viewer = fixture.Client(fixture.ViewerKey);
        await Problems.AssertAsync(await viewer.PostAsJsonAsync("/api/silences", body), HttpStatusCode.Forbidden);

        using var operatorClient = fixture.Client(fixture.OperatorKey);
        var created = await Problems.JsonAsync(await operatorClient.PostAsJsonAsync("/api/silences", body), HttpStatusCode.Created);
        Assert.Equal("olga", created.GetProperty("createdBy").GetString());
        Assert.True(created.GetProperty("active").GetBoolean());
        var listed = await Problems.JsonAsync(await viewer.GetAsync(new Uri("/api/silences?pageSize=500", UriKind.Relative)));
        Assert.Contains(listed.GetProperty("items").EnumerateArray(), s => s.GetProperty("id").GetString() == created.GetProperty("id").GetString());
    }

    [Fact]
    public async Task Keys_AdminCreatesViewerKey_KeyWorksAndTheTopicHoldsOnlyItsHash()
    {
        using var admin = fixture.Client(fixture.AdminKey);
        var created = await Problems.JsonAsync(await admin.PostAsJsonAsync("/api/keys", new { name = "dashboard", role = "viewer" }), HttpStatusCode.Created);
        var key = created.GetProperty("key").GetString()!;
        Assert.StartsWith(ApiKeyStore.KeyPrefix, key, StringComparison.Ordinal);

        using var withNewKey = fixture.Client(key);
        Assert.Equal(HttpStatusCode.OK, (await withNewKey.GetAsync(new Uri("/api/silences", UriKind.Relative))).StatusCode);
        await Problems.AssertAsync(await withNewKey.GetAsync(new Uri("/api/keys", UriKind.Relative)), HttpStatusCode.Forbidden);

        var stored = KeyTopic.Read(fixture.Platform.Kafka.BootstrapServers)[created.GetProperty("id").GetString()!];
        Assert.DoesNotContain(key, stored, StringComparison.Ordinal);
        Assert.Contains(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key))), stored, StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(fixture.DataDir, AdminKeyBootstrap.FileName)));
        }

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync(new Uri("/api/keys/" + created.GetProperty("id").GetString(), UriKind.Relative))).StatusCode);
        await Problems.AssertAsync(await withNewKey.GetAsync(new Uri("/api/silences", UriKind.Relative)), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task PublicRoutes_WithoutKey_AnswerAndDocumentTheApi()
    {
        using var client = fixture.Client();
        var document = await Problems.JsonAsync(await client.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative)));
        var paths = document.GetProperty("paths");
        foreach (var path in new[] { "/api/hosts", "/api/hosts/{host}/metrics", "/api/alerts/{fingerprint}/ack", "/api/rules/preview", "/api/sql", "/api/live" })
        {
            Assert.True(paths.TryGetProperty(path, out var item), path + " is not in the OpenAPI document");
            Assert.Contains("description", item.EnumerateObject().First().Value.EnumerateObject().Select(p => p.Name));
        }

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/scalar", UriKind.Relative))).StatusCode);
        var spa = await client.GetAsync(new Uri("/hosts/web-1", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, spa.StatusCode);
        Assert.Equal("text/html", spa.Content.Headers.ContentType?.MediaType);
        await Problems.AssertAsync(await client.GetAsync(new Uri("/api/nope", UriKind.Relative)), HttpStatusCode.Unauthorized);
        using var viewer = fixture.Client(fixture.ViewerKey);
        await Problems.AssertAsync(await viewer.GetAsync(new Uri("/api/nope", UriKind.Relative)), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task RateLimit_BeyondThePermits_Is429Problem()
    {
        await using var limited = await fixture.StartApiAsync(new Dictionary<string, string?>
        {
            ["Api:DataDir"] = fixture.DataDir,
            ["Api:RateLimit:PermitLimit"] = "3",
            ["Api:RateLimit:Window"] = "00:01:00",
        });
        using var client = fixture.Client(fixture.ViewerKey, new Uri(limited.Urls.First()));
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/api/rules", UriKind.Relative))).StatusCode);
        }

        var problem = await Problems.AssertAsync(await client.GetAsync(new Uri("/api/rules", UriKind.Relative)), HttpStatusCode.TooManyRequests);
        Assert.Contains("Api:RateLimit", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        using var admin = fixture.Client(fixture.AdminKey, new Uri(limited.Urls.First()));
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync(new Uri("/api/rules", UriKind.Relative))).StatusCode);
        await limited.StopAsync();
    }

    [Fact]
    public async Task Cors_ConfiguredOrigin_IsAllowedOthersAreNot()
    {
        await using var api = await fixture.StartApiAsync(new Dictionary<string, string?>
        {
            ["Api:DataDir"] = fixture.DataDir,
            ["Api:Cors:Origins:0"] = "https://dash.example.com",
        });
        using var client = fixture.Client(null, new Uri(api.Urls.First()));
        foreach (var (origin, allowed) in new[] { ("https://dash.example.com", true), ("https://evil.example.com", false) })
        {
            using var preflight = new HttpRequestMessage(HttpMethod.Options, "/api/hosts");
            preflight.Headers.Add("Origin", origin);
            preflight.Headers.Add("Access-Control-Request-Method", "GET");
            preflight.Headers.Add("Access-Control-Request-Headers", "authorization");
            var response = await client.SendAsync(preflight);
            Assert.Equal(allowed, response.Headers.TryGetValues("Access-Control-Allow-Origin", out var values) && values.Contains(origin));
        }

        await api.StopAsync();
    }
}
