using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console.Testing;
using Streams.Api.Auth;
using Streams.Host.Hosting;
using Streams.Host.Status;
using Streams.Host.Tests.Hosting;
using Streams.Platform.ClickHouse;
using Streams.Platform.Kafka;
using Streams.Platform.SchemaRegistry;
using Streams.Scorer;

namespace Streams.Host.Tests.Status;

[Collection(EmbeddedPlatformGroup.Name)]
public sealed class StatusCommandTests
{
    [Fact]
    public async Task Run_PlatformUp_ShowsEveryPartUpAndTheCatalogueTopicsAndExitsZero()
    {
        await using var app = StreamsApp.Build(StreamsAppTests.PlatformOnly, [.. StreamsAppTests.FreePortsWithDataDir(StreamsAppTests.TempDir()), $"--ClickHouse:Embedded:DataPath={StreamsAppTests.TempDir()}"]);
        await app.StartAsync();
        var configuration = ConfigurationOf(app);
        var console = new TestConsole().Width(200);
        using var http = new HttpClient();

        var exit = await StatusCommand.RunAsync(configuration, console, http, CancellationToken.None);

        Assert.Equal(0, exit);
        Assert.DoesNotContain("down", console.Output, StringComparison.Ordinal);
        Assert.Contains("loopback only; API keys", console.Output, StringComparison.Ordinal);
        Assert.Contains("roles: platform", console.Output, StringComparison.Ordinal);
        Assert.Contains("metrics.windows", console.Output, StringComparison.Ordinal);
        Assert.Contains("version 26.", console.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Scorer:", console.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_ScorerRoleUp_ShowsItsLearningAndScoringHostsWithTheAdminKeyFile()
    {
        await using var app = StartScorer();
        await app.StartAsync();
        var configuration = ConfigurationOf(app);
        var console = new TestConsole().Width(200);
        using var http = new HttpClient();

        var exit = await StatusCommand.RunAsync(configuration, console, http, CancellationToken.None);

        Assert.Equal(0, exit);
        Assert.Contains("Scorer: 0 announced models, 0 windows scored, 0 anomalies", console.Output, StringComparison.Ordinal);
        Assert.Contains("learning", console.Output, StringComparison.Ordinal);
        await app.StopAsync();
    }

    [Fact]
    public async Task Run_ScorerRoleUpButNoKey_SaysTheHostListNeedsAViewerKey()
    {
        await using var app = StartScorer();
        await app.StartAsync();
        var configuration = new ConfigurationBuilder().AddConfiguration(ConfigurationOf(app))
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Api:DataDir"] = StreamsAppTests.TempDir() }).Build();
        var console = new TestConsole().Width(200);
        using var http = new HttpClient();

        await StatusCommand.RunAsync(configuration, console, http, CancellationToken.None);

        Assert.Contains("needs a viewer API key", console.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Scorer hosts", console.Output, StringComparison.Ordinal);
        await app.StopAsync();
    }

    [Fact]
    public async Task ScorerHosts_NoKeyWrongKeyThenAViewerKey_401Then200()
    {
        await using var app = StartScorer();
        await app.StartAsync();
        var viewer = (await app.Services.GetRequiredService<ApiKeyStore>().CreateAsync("victor", ApiRoles.Viewer)).Key;
        using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
        using var withKey = new HttpRequestMessage(HttpMethod.Get, ScorerHosts.Path) { Headers = { { "X-Api-Key", viewer } } };
        using var wrongKey = new HttpRequestMessage(HttpMethod.Get, ScorerHosts.Path) { Headers = { { "X-Api-Key", "stk_wrong" } } };

        using var anonymous = await http.GetAsync(new Uri(ScorerHosts.Path, UriKind.Relative));
        using var wrong = await http.SendAsync(wrongKey);
        using var allowed = await http.SendAsync(withKey);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.DoesNotContain("learning", await anonymous.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Contains("learning", await allowed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await app.StopAsync();
    }

    [Fact]
    public async Task Run_NothingListening_ReportsEachPartDownAndExitsOne()
    {
        var closed = ClosedPort();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Api:Port"] = closed,
            ["Kafka:BootstrapServers"] = "127.0.0.1:" + closed,
            ["SchemaRegistry:Url"] = "http://127.0.0.1:" + closed,
            ["ClickHouse:Url"] = "http://127.0.0.1:" + closed,
        }).Build();
        var console = new TestConsole().Width(200);
        using var http = new HttpClient();

        var exit = await StatusCommand.RunAsync(configuration, console, http, CancellationToken.None);

        Assert.Equal(1, exit);
        Assert.Equal(4, console.Output.Split("down").Length - 1);
    }

    private static string ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    private static WebApplication StartScorer() => StreamsApp.Build(
        RoleCatalogue.Parse("platform,scorer"),
        [.. StreamsAppTests.FreePortsWithDataDir(StreamsAppTests.TempDir()), $"--ClickHouse:Embedded:DataPath={StreamsAppTests.TempDir()}", $"--Scorer:StateDir={StreamsAppTests.TempDir()}", "--Scorer:Stores=InMemory"]);

    /// <summary>What `streams status` is given to look at a running app: its API port, endpoints and data directory (where the admin key file is).</summary>
    private static IConfiguration ConfigurationOf(WebApplication app) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Api:Port"] = new Uri(app.Urls.First()).Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Api:DataDir"] = app.Configuration["Api:DataDir"],
            ["Kafka:BootstrapServers"] = app.Services.GetRequiredService<IKafkaEndpoint>().BootstrapServers,
            ["SchemaRegistry:Url"] = app.Services.GetRequiredService<ISchemaRegistryEndpoint>().Url.ToString(),
            ["ClickHouse:Url"] = app.Services.GetRequiredService<IClickHouseEndpoint>().Url.ToString(),
        }).Build();
}
