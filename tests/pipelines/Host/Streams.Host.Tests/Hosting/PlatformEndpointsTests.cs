using Confluent.Kafka;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Streams.Host.Hosting;
using Streams.Platform.ClickHouse;
using Streams.Platform.Kafka;
using Streams.Platform.SchemaRegistry;

namespace Streams.Host.Tests.Hosting;

[Collection(EmbeddedPlatformGroup.Name)]
public sealed class PlatformEndpointsTests
{
    [Fact]
    public async Task StageInAnotherProcess_CreatesTopicsThroughThePlatformThatRunsTheEmbeddedBroker()
    {
        await using var platform = StreamsApp.Build(StreamsAppTests.PlatformOnly, [.. StreamsAppTests.FreePorts, $"--data-dir={StreamsAppTests.TempDir()}"]);
        await platform.StartAsync();
        var kafka = platform.Services.GetRequiredService<IKafkaEndpoint>().BootstrapServers;
        await using var stage = StreamsApp.Build([],
        [
            $"--Kafka:BootstrapServers={kafka}",
            $"--Kafka:PlatformUrl={platform.Urls.First()}",
            $"--SchemaRegistry:Url={platform.Services.GetRequiredService<ISchemaRegistryEndpoint>().Url}",
            $"--ClickHouse:Url={platform.Services.GetRequiredService<IClickHouseEndpoint>().Url}",
            "--Api:Port=0",
            $"--data-dir={StreamsAppTests.TempDir()}",
        ]);
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
}
