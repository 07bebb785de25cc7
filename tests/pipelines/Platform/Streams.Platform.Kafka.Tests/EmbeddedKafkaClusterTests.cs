using System.Net;
using System.Net.Sockets;
using Confluent.Kafka;
using Streams.Schemas.Topics;

namespace Streams.Platform.Kafka.Tests;

public sealed class EmbeddedKafkaClusterTests
{
    [Fact]
    public async Task Start_ProduceAndConsume_RoundTripsOverTcp()
    {
        using var kafka = EmbeddedKafkaCluster.Start(new EmbeddedKafkaOptions { Port = 0 });
        kafka.CreateTopic("roundtrip", 2);

        using (var producer = new ProducerBuilder<string, string>(new ProducerConfig { BootstrapServers = kafka.BootstrapServers, EnableIdempotence = true }).Build())
        {
            for (var i = 0; i < 100; i++)
            {
                await producer.ProduceAsync("roundtrip", new Message<string, string> { Key = $"host-{i % 7}", Value = $"v{i}" });
            }
        }

        using var consumer = new ConsumerBuilder<string, string>(new ConsumerConfig
        {
            BootstrapServers = kafka.BootstrapServers,
            GroupId = "roundtrip-test",
            AutoOffsetReset = AutoOffsetReset.Earliest,
        }).Build();
        consumer.Subscribe("roundtrip");
        var seen = new HashSet<string>();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (seen.Count < 100 && DateTime.UtcNow < deadline)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is { } result)
            {
                seen.Add(result.Message.Value);
            }
        }

        Assert.Equal(100, seen.Count);
        Assert.Contains("v0", seen);
        Assert.Contains("v99", seen);
    }

    [Fact]
    public void Start_WithThreeBrokers_MetadataAdvertisesTheRelays()
    {
        using var kafka = EmbeddedKafkaCluster.Start(new EmbeddedKafkaOptions { Brokers = 3, Port = 0 });
        kafka.CreateTopics(TopicCatalogue.All);

        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = kafka.BootstrapServers }).Build();
        var metadata = admin.GetMetadata(TimeSpan.FromSeconds(10));

        var advertised = metadata.Brokers.Select(b => $"{b.Host}:{b.Port}").Order().ToArray();
        Assert.Equal(kafka.BootstrapServers.Split(',').Order().ToArray(), advertised);
        foreach (var spec in TopicCatalogue.All)
        {
            var topic = Assert.Single(metadata.Topics, t => t.Topic == spec.Name);
            Assert.Equal(spec.Partitions, topic.Partitions.Count);
            Assert.All(topic.Partitions, p => Assert.Equal(3, p.Replicas.Length));
        }
    }

    [Fact]
    public void Dispose_Twice_IsHarmlessAndFreesThePort()
    {
        var kafka = EmbeddedKafkaCluster.Start(new EmbeddedKafkaOptions { Port = 0 });
        var port = int.Parse(kafka.BootstrapServers.Split(':')[1], System.Globalization.CultureInfo.InvariantCulture);

        kafka.Dispose();
        kafka.Dispose();

        using var again = EmbeddedKafkaCluster.Start(new EmbeddedKafkaOptions { Port = port });
        Assert.Equal($"127.0.0.1:{port}", again.BootstrapServers);
    }

    [Fact]
    public void Start_OnEveryInterface_AdvertisesLoopbackUnlessToldOtherwise()
    {
        using var kafka = EmbeddedKafkaCluster.Start(new EmbeddedKafkaOptions { Host = "0.0.0.0", Port = 0 });
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = kafka.BootstrapServers }).Build();

        var broker = Assert.Single(admin.GetMetadata(TimeSpan.FromSeconds(10)).Brokers);

        Assert.StartsWith("127.0.0.1:", kafka.BootstrapServers, StringComparison.Ordinal);
        Assert.Equal("127.0.0.1", broker.Host);
    }

    [Fact]
    public void CreateTopic_Twice_KeepsTheFirstPartitionCount()
    {
        using var kafka = EmbeddedKafkaCluster.Start(new EmbeddedKafkaOptions { Port = 0 });
        kafka.CreateTopic("twice", 5);
        kafka.CreateTopic("twice", 2);

        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = kafka.BootstrapServers }).Build();
        var topic = admin.GetMetadata("twice", TimeSpan.FromSeconds(10)).Topics.Single();
        Assert.Equal(5, topic.Partitions.Count);
    }

    [Fact]
    public void Start_PortInUse_FailsWithOneLineNamingThePortAndTheOption()
    {
        using var holder = new TcpListener(IPAddress.Loopback, 0);
        holder.Start();
        var port = ((IPEndPoint)holder.LocalEndpoint).Port;

        var error = Assert.Throws<InvalidOperationException>(() => EmbeddedKafkaCluster.Start(new EmbeddedKafkaOptions { Port = port }));

        Assert.Contains($"127.0.0.1:{port}", error.Message, StringComparison.Ordinal);
        Assert.Contains("Kafka:Embedded:Port", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }
}
