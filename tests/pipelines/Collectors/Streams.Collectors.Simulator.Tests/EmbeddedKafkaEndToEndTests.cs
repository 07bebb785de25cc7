using Confluent.Kafka;
using Confluent.Kafka.SyncOverAsync;
using Confluent.SchemaRegistry;
using Confluent.SchemaRegistry.Serdes;
using io.streams.avro;
using Spectre.Console.Testing;
using Streams.Collectors.Simulator.Cli;
using Streams.Collectors.Simulator.Fleet;
using Streams.Collectors.Simulator.Labels;
using Streams.Collectors.Simulator.Publishing;
using Streams.Collectors.Simulator.Series;
using Streams.Collectors.Simulator.Simulation;
using Streams.Platform.Kafka;
using Streams.Platform.SchemaRegistry;
using Streams.Schemas.Topics;

namespace Streams.Collectors.Simulator.Tests;

public sealed class EmbeddedKafkaEndToEndTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task RunAsync_IntoEmbeddedBroker_EveryRecordIsAcknowledgedAndConsumedBack()
    {
        using var kafka = EmbeddedKafkaCluster.Start(new EmbeddedKafkaOptions { Port = 0 });
        kafka.CreateTopics(TopicCatalogue.All);
        await using var registry = await EmbeddedSchemaRegistry.StartAsync(new EmbeddedSchemaRegistryOptions { Port = 0 }, kafka.BootstrapServers);
        Assert.True(await LabelsTopicProvisioner.EnsureAsync(kafka.BootstrapServers, kafka));

        var generator = new FleetGenerator(new FleetOptions
        {
            Servers = 40,
            Seed = 3,
            Start = new DateTimeOffset(2026, 1, 7, 12, 0, 0, TimeSpan.Zero),
            Interval = TimeSpan.FromSeconds(10),
            Ticks = 10,
            IncidentFraction = 0.5,
        });
        var labelsPath = Path.Combine(Path.GetTempPath(), $"e2e-labels-{Guid.NewGuid():N}.jsonl");
        RunSnapshot final;
        using (var sink = new KafkaPublisher(new PublisherOptions { BootstrapServers = kafka.BootstrapServers, SchemaRegistryUrl = registry.Url.ToString() }))
        using (var labels = new LabelFile(labelsPath))
        {
            final = await new SimulationRunner(generator, sink, new Pacer(0, 0), labels).RunAsync(Patience, CancellationToken.None);
            Assert.Null(sink.LastError);
        }

        Assert.Equal(0, final.Failed);
        Assert.Equal(final.Sent, final.Acknowledged);
        Assert.True(final.Labels > 0);
        Assert.Equal(final.Labels, LabelFile.Read(labelsPath).Count);
        File.Delete(labelsPath);

        using var registryClient = new CachedSchemaRegistryClient(new SchemaRegistryConfig { Url = registry.Url.ToString() });
        // One batch per live host and round, registered under the topic-record subject as Confluent's own serializer would.
        var batches = Consume(kafka.BootstrapServers, TopicCatalogue.MetricsRaw.Name, new AvroDeserializer<MetricBatch>(registryClient, new AvroDeserializerConfig { SubjectNameStrategy = SubjectNameStrategy.TopicRecord }).AsSyncOverAsync(), final.Samples / SeriesCatalogue.All.Count);
        var logs = Consume(kafka.BootstrapServers, TopicCatalogue.LogsRaw.Name, new AvroDeserializer<LogRecord>(registryClient).AsSyncOverAsync(), final.Logs);
        var labelRecords = Consume(kafka.BootstrapServers, TopicCatalogue.Labels.Name, Deserializers.Utf8, final.Labels);

        Assert.Equal(final.Samples, batches.Sum(b => b.Message.Value.points.Count));
        Assert.Equal(final.Logs, logs.Count);
        Assert.Equal(final.Labels, labelRecords.Count);
        var hosts = generator.Servers.Select(s => s.Host).ToHashSet();
        Assert.All(batches, r =>
        {
            Assert.Equal(r.Message.Key, r.Message.Value.host);
            Assert.Contains(r.Message.Value.host, hosts);
            Assert.Equal(MetricSource.SIMULATOR, r.Message.Value.source);
        });
        Assert.Equal(generator.Labels.Select(l => l.Id).Order(), labelRecords.Select(r => IncidentLabel.FromJson(r.Message.Value).Id).Order());
    }

    [Fact]
    public async Task PublishingVerb_AgainstABrokerThatCannotCreateTopics_AutoCreatesLabelsAndExitsZero()
    {
        using var kafka = EmbeddedKafkaCluster.Start(new EmbeddedKafkaOptions { Port = 0 });
        // Every topic but labels: the verb has to find out that this broker cannot create it.
        kafka.CreateTopics(TopicCatalogue.All.Where(t => t != TopicCatalogue.Labels));
        await using var registry = await EmbeddedSchemaRegistry.StartAsync(new EmbeddedSchemaRegistryOptions { Port = 0 }, kafka.BootstrapServers);
        var console = new TestConsole().Width(200);
        var labelsPath = Path.Combine(Path.GetTempPath(), $"verb-labels-{Guid.NewGuid():N}.jsonl");
        var fleet = new FleetOptions { Servers = 20, Ticks = 12, IncidentFraction = 1, Interval = TimeSpan.FromSeconds(1) };

        var exit = await PublishingVerb.RunAsync(
            console,
            "simulate",
            new PublisherOptions { BootstrapServers = kafka.BootstrapServers, SchemaRegistryUrl = registry.Url.ToString(), PlatformUrl = null },
            labelsPath,
            (sink, labels, backpressure) => new SimulationRunner(new FleetGenerator(fleet), sink, new Pacer(speedup: 20, eventsPerSecond: 0, backpressure: backpressure), labels),
            CancellationToken.None);

        Assert.Equal(0, exit);
        Assert.Contains("auto-created by the first label", console.Output, StringComparison.Ordinal);
        Assert.Contains("acked", console.Output, StringComparison.Ordinal);
        Assert.Equal(20, LabelFile.Read(labelsPath).Count);
        File.Delete(labelsPath);
    }

    [Fact]
    public async Task EnsureAsync_OnTheEmbeddedBrokerOfAnotherProcess_FallsBackToAutoCreate()
    {
        using var kafka = EmbeddedKafkaCluster.Start(new EmbeddedKafkaOptions { Port = 0 });

        // No topic creator: what `streams simulate` sees when `streams up` owns the broker.
        var created = await LabelsTopicProvisioner.EnsureAsync(kafka.BootstrapServers, creator: null);

        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = kafka.BootstrapServers }).Build();
        Assert.False(created);
        Assert.DoesNotContain(admin.GetMetadata(TimeSpan.FromSeconds(10)).Topics, t => t.Topic == TopicCatalogue.Labels.Name);
    }

    private static List<ConsumeResult<string, T>> Consume<T>(string bootstrapServers, string topic, IDeserializer<T> deserializer, long expected)
    {
        using var consumer = new ConsumerBuilder<string, T>(new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = "e2e-" + topic,
            AutoOffsetReset = AutoOffsetReset.Earliest,
            EnableAutoCommit = false,
        }).SetValueDeserializer(deserializer).Build();
        consumer.Subscribe(topic);
        var records = new List<ConsumeResult<string, T>>();
        var deadline = DateTime.UtcNow + Patience;
        while (records.Count < expected && DateTime.UtcNow < deadline)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is { } result)
            {
                records.Add(result);
            }
        }

        // Anything beyond the expected count would be a duplicate.
        while (consumer.Consume(TimeSpan.FromMilliseconds(500)) is { } extra)
        {
            records.Add(extra);
        }

        consumer.Close();
        return records;
    }
}
