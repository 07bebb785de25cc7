using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console.Testing;
using Streams.Host.Hosting;
using Streams.Host.Status;
using Streams.Host.Tests.Hosting;
using Streams.Platform.ClickHouse;
using Streams.Platform.Kafka;
using Streams.Platform.SchemaRegistry;

namespace Streams.Host.Tests.Status;

[Collection(EmbeddedPlatformGroup.Name)]
public sealed class StatusCommandTests
{
    [Fact]
    public async Task Run_PlatformUp_ShowsEveryPartUpAndTheCatalogueTopicsAndExitsZero()
    {
        await using var app = StreamsApp.Build(StreamsAppTests.PlatformOnly, [.. StreamsAppTests.FreePorts, $"--data-dir={StreamsAppTests.TempDir()}"]);
        await app.StartAsync();
        var configuration = ConfigurationOf(app);
        var console = new TestConsole().Width(200);
        using var http = new HttpClient();

        var exit = await StatusCommand.RunAsync(configuration, console, http, CancellationToken.None);

        Assert.Equal(0, exit);
        Assert.DoesNotContain("down", console.Output, StringComparison.Ordinal);
        Assert.Contains("roles: platform", console.Output, StringComparison.Ordinal);
        Assert.Contains("metrics.windows", console.Output, StringComparison.Ordinal);
        Assert.Contains("version 26.", console.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Scorer:", console.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_ScorerRoleUp_ShowsItsLearningAndScoringHosts()
    {
        await using var app = StreamsApp.Build(
            RoleCatalogue.Parse("platform,scorer"),
            [.. StreamsAppTests.FreePorts, $"--data-dir={StreamsAppTests.TempDir()}", $"--Scorer:StateDir={StreamsAppTests.TempDir()}", "--Scorer:Stores=InMemory"]);
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

    /// <summary>What `streams status` is given to look at a running app: its API port and endpoints.</summary>
    private static IConfiguration ConfigurationOf(WebApplication app) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Api:Port"] = new Uri(app.Urls.First()).Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Kafka:BootstrapServers"] = app.Services.GetRequiredService<IKafkaEndpoint>().BootstrapServers,
            ["SchemaRegistry:Url"] = app.Services.GetRequiredService<ISchemaRegistryEndpoint>().Url.ToString(),
            ["ClickHouse:Url"] = app.Services.GetRequiredService<IClickHouseEndpoint>().Url.ToString(),
        }).Build();
}
