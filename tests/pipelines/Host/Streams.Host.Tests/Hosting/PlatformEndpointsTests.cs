using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Confluent.Kafka;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Streams.Api.Auth;
using Streams.Host.Hosting;
using Streams.Platform.ClickHouse;
using Streams.Platform.Kafka;
using Streams.Platform.SchemaRegistry;

namespace Streams.Host.Tests.Hosting;

[Collection(EmbeddedPlatformGroup.Name)]
public sealed class PlatformEndpointsTests
{
    [Fact]
    public async Task StageInAnotherProcess_CreatesTopicsThroughThePlatformWithTheAdminKeyFileItWrote()
    {
        var dataDir = StreamsAppTests.TempDir();
        await using var platform = StreamsApp.Build(StreamsAppTests.PlatformOnly, [.. StreamsAppTests.FreePortsWithDataDir(dataDir), $"--ClickHouse:Embedded:DataPath={StreamsAppTests.TempDir()}"]);
        await platform.StartAsync();
        var kafka = platform.Services.GetRequiredService<IKafkaEndpoint>().BootstrapServers;
        // No key configured: the stage finds the platform's admin key file in the shared data directory.
        await using var stage = StageOf(platform, $"--data-dir={dataDir}");
        await stage.StartAsync();
        var topics = stage.Services.GetRequiredService<IKafkaEndpoint>().TopicCreator;

        Assert.IsType<RemoteTopicCreator>(topics);
        topics.CreateTopic("processor-windows-store-changelog", 3);
        var bad = Assert.Throws<InvalidOperationException>(() => topics.CreateTopic("no spaces/allowed", 1));

        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = kafka }).Build();
        var created = admin.GetMetadata("processor-windows-store-changelog", TimeSpan.FromSeconds(10)).Topics.Single();
        Assert.Equal(3, created.Partitions.Count);
        Assert.Contains("400", bad.Message, StringComparison.Ordinal);
        Assert.Contains("not a legal topic name", bad.Message, StringComparison.Ordinal);
        await stage.StopAsync();
        await platform.StopAsync();
    }

    [Fact]
    public async Task CreateTopic_NoKeyOrAViewerKey_401Then403AndNoTopic_AnAdminKey_Created()
    {
        await using var platform = StreamsApp.Build(StreamsAppTests.PlatformOnly, [.. StreamsAppTests.FreePortsWithDataDir(StreamsAppTests.TempDir()), $"--ClickHouse:Embedded:DataPath={StreamsAppTests.TempDir()}"]);
        await platform.StartAsync();
        var keys = platform.Services.GetRequiredService<ApiKeyStore>();
        var viewer = (await keys.CreateAsync("victor", ApiRoles.Viewer)).Key;
        var administrator = (await keys.CreateAsync("ada", ApiRoles.Admin)).Key;
        using var http = new HttpClient { BaseAddress = new Uri(platform.Urls.First()) };

        using var anonymous = await http.SendAsync(Post("anonymous-topic", key: null));
        using var wrong = await http.SendAsync(Post("anonymous-topic", key: "stk_not-a-key"));
        using var asViewer = await http.SendAsync(Post("viewer-topic", viewer));
        using var asAdmin = await http.SendAsync(Post("admin-topic", administrator));

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, asViewer.StatusCode);
        Assert.Equal(HttpStatusCode.OK, asAdmin.StatusCode);
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = platform.Services.GetRequiredService<IKafkaEndpoint>().BootstrapServers }).Build();
        var existing = admin.GetMetadata(TimeSpan.FromSeconds(10)).Topics.Select(t => t.Topic).ToList();
        Assert.Contains("admin-topic", existing);
        Assert.DoesNotContain("anonymous-topic", existing);
        Assert.DoesNotContain("viewer-topic", existing);
        await platform.StopAsync();
    }

    [Fact]
    public async Task StageWithoutAnyKey_ItsTopicCreationIsRefusedWithWhatToConfigure()
    {
        await using var platform = StreamsApp.Build(StreamsAppTests.PlatformOnly, [.. StreamsAppTests.FreePortsWithDataDir(StreamsAppTests.TempDir()), $"--ClickHouse:Embedded:DataPath={StreamsAppTests.TempDir()}"]);
        await platform.StartAsync();
        // Another data directory: no admin key file to find.
        await using var stage = StageOf(platform, $"--data-dir={StreamsAppTests.TempDir()}");
        await stage.StartAsync();

        var refused = Assert.Throws<InvalidOperationException>(() => stage.Services.GetRequiredService<IKafkaEndpoint>().TopicCreator!.CreateTopic("processor-repartition", 1));

        Assert.Contains("(401)", refused.Message, StringComparison.Ordinal);
        Assert.Contains("Kafka:PlatformApiKey", refused.Message, StringComparison.Ordinal);
        await stage.StopAsync();
        await platform.StopAsync();
    }

    /// <summary>A process without the platform role pointed at <paramref name="platform"/>, as `streams run` in another terminal.</summary>
    private static WebApplication StageOf(WebApplication platform, string dataDir) => StreamsApp.Build([],
    [
        $"--Kafka:BootstrapServers={platform.Services.GetRequiredService<IKafkaEndpoint>().BootstrapServers}",
        $"--Kafka:PlatformUrl={platform.Urls.First()}",
        $"--SchemaRegistry:Url={platform.Services.GetRequiredService<ISchemaRegistryEndpoint>().Url}",
        $"--ClickHouse:Url={platform.Services.GetRequiredService<IClickHouseEndpoint>().Url}",
        "--Api:Port=0",
        dataDir,
    ]);

    private static HttpRequestMessage Post(string topic, string? key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, RemoteTopicCreator.Path) { Content = JsonContent.Create(new TopicRequest(topic, 1)) };
        request.Headers.Authorization = key is null ? null : new AuthenticationHeaderValue("Bearer", key);
        return request;
    }
}
