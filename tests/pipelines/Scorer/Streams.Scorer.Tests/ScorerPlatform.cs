using System.Text;
using Confluent.Kafka;
using Confluent.SchemaRegistry;
using io.streams.avro;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Streams.Platform.Kafka;
using Streams.Platform.SchemaRegistry;
using Streams.Schemas.Topics;
using Streams.Scoring.Artifacts;
using Streams.Topology.Serdes;

namespace Streams.Scorer.Tests;

/// <summary>The embedded broker (every catalogued topic) and Schema Registry on free ports, and a host running the scorer role against them.</summary>
internal sealed class ScorerPlatform : IAsyncDisposable
{
    private readonly List<IHost> hosts = [];
    private readonly List<string> directories = [];

    private ScorerPlatform(EmbeddedKafkaCluster kafka, EmbeddedSchemaRegistry registry)
    {
        Kafka = kafka;
        Registry = registry;
        RegistryClient = new CachedSchemaRegistryClient(new SchemaRegistryConfig { Url = registry.Url.ToString() });
        Windows = new SchemaAvroSerDes<MetricWindow>(RegistryClient);
        Anomalies = new SchemaAvroSerDes<Anomaly>(RegistryClient);
    }

    public EmbeddedKafkaCluster Kafka { get; }

    public EmbeddedSchemaRegistry Registry { get; }

    public CachedSchemaRegistryClient RegistryClient { get; }

    public SchemaAvroSerDes<MetricWindow> Windows { get; }

    public SchemaAvroSerDes<Anomaly> Anomalies { get; }

    public static async Task<ScorerPlatform> StartAsync()
    {
        var kafka = EmbeddedKafkaCluster.Start(new EmbeddedKafkaOptions { Port = 0 });
        kafka.CreateTopics(TopicCatalogue.All);
        var registry = await EmbeddedSchemaRegistry.StartAsync(new EmbeddedSchemaRegistryOptions { Port = 0 }, kafka.BootstrapServers);
        return new ScorerPlatform(kafka, registry);
    }

    public string TempDirectory(string prefix)
    {
        var directory = Path.Combine(Path.GetTempPath(), prefix + Guid.NewGuid().ToString("N"));
        directories.Add(directory);
        return directory;
    }

    public async Task<ScorerService> StartScorerAsync(int warmupWindows = 360)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Scorer:ApplicationId"] = "scorer-test-" + Guid.NewGuid().ToString("N")[..8],
            ["Scorer:StateDir"] = TempDirectory("streams-scorer-"),
            ["Scorer:CommitIntervalMs"] = "100",
            ["Scorer:WarmupWindows"] = warmupWindows.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Scorer:ModelsCatchUpTimeout"] = "00:00:10",
        }).Build();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddLogging();
        builder.Services.AddSingleton<IKafkaEndpoint>(new Endpoints(Kafka, Registry.Url));
        builder.Services.AddSingleton<ISchemaRegistryEndpoint>(new Endpoints(Kafka, Registry.Url));
        builder.Services.AddStreamsScorer(configuration);
        builder.Services.AddStreamsScorer(configuration);
        var host = builder.Build();
        hosts.Add(host);
        await host.StartAsync();
        var scorer = host.Services.GetRequiredService<ScorerService>();
        if (await Task.WhenAny(scorer.Running, Task.Delay(TimeSpan.FromSeconds(60))) != scorer.Running)
        {
            throw new TimeoutException("The scorer did not reach RUNNING in 60 s.");
        }

        return scorer;
    }

    public void Announce(ModelMetadata metadata)
    {
        using var producer = new ProducerBuilder<string, byte[]>(new ProducerConfig { BootstrapServers = Kafka.BootstrapServers }).Build();
        producer.Produce(TopicCatalogue.Models.Name, new Message<string, byte[]> { Key = metadata.Name, Value = Encoding.UTF8.GetBytes(metadata.ToJson()) });
        producer.Flush(TimeSpan.FromSeconds(10));
    }

    public void Produce(IEnumerable<MetricWindow> windows)
    {
        using var producer = new ProducerBuilder<string, byte[]>(new ProducerConfig { BootstrapServers = Kafka.BootstrapServers, LingerMs = 5 }).Build();
        foreach (var window in windows)
        {
            var bytes = Windows.Serialize(window, new SerializationContext(MessageComponentType.Value, TopicCatalogue.MetricsWindows.Name));
            producer.Produce(TopicCatalogue.MetricsWindows.Name, new Message<string, byte[]> { Key = window.host, Value = bytes });
        }

        producer.Flush(TimeSpan.FromSeconds(10));
    }

    public List<Anomaly> ReadAnomalies(Func<List<Anomaly>, bool> done, TimeSpan timeout)
    {
        using var consumer = new ConsumerBuilder<string, byte[]>(new ConsumerConfig
        {
            BootstrapServers = Kafka.BootstrapServers,
            GroupId = "reader-" + Guid.NewGuid().ToString("N"),
            AutoOffsetReset = AutoOffsetReset.Earliest,
        }).Build();
        consumer.Subscribe(TopicCatalogue.Anomalies.Name);
        var records = new List<Anomaly>();
        var deadline = DateTime.UtcNow + timeout;
        while (!done(records) && DateTime.UtcNow < deadline)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is { Message: { } message } result)
            {
                records.Add(Anomalies.Deserialize(message.Value, new SerializationContext(MessageComponentType.Value, result.Topic)));
            }
        }

        consumer.Close();
        return records;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var host in hosts)
        {
            await host.StopAsync(TimeSpan.FromSeconds(30));
            host.Dispose();
        }

        RegistryClient.Dispose();
        await Registry.DisposeAsync();
        Kafka.Dispose();
        foreach (var dir in directories.Where(Directory.Exists))
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private sealed class Endpoints(EmbeddedKafkaCluster kafka, Uri registry) : IKafkaEndpoint, ISchemaRegistryEndpoint
    {
        public string BootstrapServers => kafka.BootstrapServers;

        public bool IsEmbedded => true;

        public ITopicCreator? TopicCreator => kafka;

        public Uri Url => registry;
    }
}
