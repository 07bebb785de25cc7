using System.Net;

namespace Streams.Api.Tests;

/// <summary>
/// The README's table of who may do what, route by route: no key is 401, a key below the
/// route's role is 403, a key at or above it gets past authorization (whatever the route then
/// says of the request).
/// </summary>
[Collection(ApiGroup.Name)]
public sealed class RouteRoleTests(ApiFixture fixture)
{
    public static TheoryData<string, string, string> Routes => new()
    {
        { "GET", "/api/hosts", "viewer" },
        { "GET", "/api/hosts/web-1", "viewer" },
        { "GET", "/api/hosts/web-1/metrics?series=cpu.util", "viewer" },
        { "GET", "/api/anomalies", "viewer" },
        { "GET", "/api/anomalies/none", "viewer" },
        { "GET", "/api/alerts", "viewer" },
        { "GET", "/api/alerts/none/history", "viewer" },
        { "POST", "/api/alerts/none/ack", "operator" },
        { "GET", "/api/silences", "viewer" },
        { "POST", "/api/silences", "operator" },
        { "DELETE", "/api/silences/none", "operator" },
        { "GET", "/api/rules", "viewer" },
        { "GET", "/api/rules/none", "viewer" },
        { "PUT", "/api/rules/none", "admin" },
        { "DELETE", "/api/rules/none", "admin" },
        { "POST", "/api/rules/preview", "viewer" },
        { "GET", "/api/preferences", "viewer" },
        { "GET", "/api/preferences/none", "viewer" },
        { "PUT", "/api/preferences/none", "admin" },
        { "DELETE", "/api/preferences/none", "admin" },
        { "GET", "/api/models", "viewer" },
        { "GET", "/api/models/coverage", "viewer" },
        { "GET", "/api/changes", "viewer" },
        { "GET", "/api/capacity", "viewer" },
        { "GET", "/api/hosts/web-1/forecast?metric=fs.used.percent", "viewer" },
        { "POST", "/api/sql", "admin" },
        { "GET", "/api/keys", "admin" },
        { "POST", "/api/keys", "admin" },
        { "DELETE", "/api/keys/none", "admin" },
        { "GET", "/api/live", "viewer" },
    };

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Route_AnswersEachRoleAsTheReadmeSays(string method, string path, string role)
    {
        var keys = new[] { ("viewer", fixture.ViewerKey), ("operator", fixture.OperatorKey), ("admin", fixture.AdminKey) };
        var rank = Array.FindIndex(keys, k => k.Item1 == role);
        Assert.True(rank >= 0, role);

        Assert.Equal(HttpStatusCode.Unauthorized, await SendAsync(null, method, path));
        for (var i = 0; i < keys.Length; i++)
        {
            var status = await SendAsync(keys[i].Item2, method, path);
            if (i < rank)
            {
                Assert.True(status == HttpStatusCode.Forbidden, $"{keys[i].Item1} {method} {path}: {(int)status}, expected 403");
            }
            else
            {
                Assert.True(status is not HttpStatusCode.Forbidden and not HttpStatusCode.Unauthorized, $"{keys[i].Item1} {method} {path}: {(int)status}");
            }
        }
    }

    private async Task<HttpStatusCode> SendAsync(string? key, string method, string path)
    {
        using var client = fixture.Client(key);
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method is "POST" or "PUT")
        {
            // An empty document: enough to get past authorization, refused by validation after it.
            request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
        }

        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }
}
