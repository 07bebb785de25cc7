using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Streams.Collectors.Prometheus.Tests.Support;
using Streams.Collectors.Zabbix.MediaType;

namespace Streams.Collectors.Zabbix.Tests.MediaType;

public sealed class ZabbixWebhookTests : IDisposable
{
    private const string Secret = "zabbix-shared-secret";
    private const string Problem = """{"event_id":"7","event_value":"1","severity":"4","host":"web-1","trigger":"High CPU","status":"PROBLEM","clock":"1796000000","tags":"[]"}""";
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "streams-zabbix-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dataDir))
        {
            Directory.Delete(_dataDir, recursive: true);
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer not-the-secret")]
    [InlineData("Basic " + Secret)]
    public async Task Post_WithoutTheSecret_401AndNothingPublished(string? authorization)
    {
        await using var host = await StartAsync(Secret);
        using var http = new HttpClient { BaseAddress = host.Url };
        using var request = Request(authorization is null ? null : AuthenticationHeaderValue.Parse(authorization));

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("Authorization: Bearer", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(host.Sink.Samples);
        Assert.Empty(host.Sink.Events);
        Assert.Empty(host.Sink.DeadLetters);
    }

    [Fact]
    public async Task Post_SecretAsBearerOrTokenHeader_AcceptedAndPublished()
    {
        await using var host = await StartAsync(Secret);
        using var http = new HttpClient { BaseAddress = host.Url };
        using var bearer = Request(new AuthenticationHeaderValue("Bearer", Secret));
        using var header = Request(null);
        header.Headers.Add(ZabbixWebhookSecret.TokenHeader, Secret);

        using var first = await http.SendAsync(bearer);
        using var second = await http.SendAsync(header);

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, second.StatusCode);
        Assert.Equal(2, host.Sink.Samples.Count(s => s.metric == ZabbixEventReceiver.Metric));
    }

    [Fact]
    public async Task Start_NoSecretConfigured_GeneratesAPrivateFileOnceAndTheNextStartKeepsIt()
    {
        var file = Path.Combine(_dataDir, "zabbix", "webhook.token");
        string generated;
        await using (var first = await StartAsync(secret: null))
        {
            generated = (await File.ReadAllTextAsync(file)).Trim();
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
            }

            Assert.True(generated.Length >= 43, "32 random bytes, base64url");
        }

        await using var second = await StartAsync(secret: null);
        using var http = new HttpClient { BaseAddress = second.Url };
        using var anonymous = await http.SendAsync(Request(null));
        using var authorized = await http.SendAsync(Request(new AuthenticationHeaderValue("Bearer", generated)));

        Assert.Equal(generated, (await File.ReadAllTextAsync(file)).Trim());
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, authorized.StatusCode);
    }

    private static HttpRequestMessage Request(AuthenticationHeaderValue? authorization)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/zabbix/events") { Content = new StringContent(Problem, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = authorization;
        return request;
    }

    private Task<ReceiverHost> StartAsync(string? secret) => ReceiverHost.StartAsync(
        ZabbixServiceCollectionExtensions.SinkKey,
        new Dictionary<string, string?>
        {
            ["Zabbix:Port"] = "0",
            ["Zabbix:WebhookToken"] = secret,
            ["Api:DataDir"] = Path.Combine(_dataDir, "api"),
        },
        (services, configuration) => services.AddZabbix(configuration),
        endpoints => endpoints.MapZabbixEvents());
}
