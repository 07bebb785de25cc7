using Confluent.Kafka;
using Confluent.SchemaRegistry;
using io.streams.avro;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Streams.Platform.Kafka;
using Streams.Platform.SchemaRegistry;
using Streams.Schemas.Topics;
using Streams.Topology.Serdes;

namespace Streams.Processor.Tests;

/// <summary>
/// The embedded broker (every catalogued topic) and Schema Registry on free ports, plus hosts
/// running the processor role against them, each with its own state directory.
/// </summary>
internal sealed class ProcessorPlatform : IAsyncDisposable
{
    private readonly List<IHost> hosts = [];
    private readonly List<string> stateDirs = [];

    private ProcessorPlatform(EmbeddedKafkaCluster kafka, EmbeddedSchemaRegistry registry)
    {
        Kafka = kafka;
        Registry = registry;
        RegistryClient = new CachedSchemaRegistryClient(new SchemaRegistryConfig { Url = registry.Url.ToString() });
        Samples = new SchemaAvroSerDes<MetricSample>(RegistryClient);
        Windows = new SchemaAvroSerDes<MetricWindow>(RegistryClient);
    }

    public EmbeddedKafkaCluster Kafka { get; }

    public EmbeddedSchemaRegistry Registry { get; }

    public CachedSchemaRegistryClient RegistryClient { get; }

    public SchemaAvroSerDes<MetricSample> Samples { get; }

    public SchemaAvroSerDes<MetricWindow> Windows { get; }

    public string ApplicationId { get; } = "processor-test-" + Guid.NewGuid().ToString("N")[..8];

    public static async Task<ProcessorPlatform> StartAsync()
    {
        var kafka = EmbeddedKafkaCluster.Start(new EmbeddedKafkaOptions { Port = 0 });
        kafka.CreateTopics(TopicCatalogue.All);
        var registry = await EmbeddedSchemaRegistry.StartAsync(new EmbeddedSchemaRegistryOptions { Port = 0 }, kafka.BootstrapServers);
        return new ProcessorPlatform(kafka, registry);
    }

    /// <summary>Starts one processor instance and waits until its stream runs.</summary>
    public async Task<RunningProcessor> StartProcessorAsync()
    {
        var log = new CapturedLog();
        var stateDir = Path.Combine(Path.GetTempPath(), "streams-processor-" + Guid.NewGuid().ToString("N"));
        stateDirs.Add(stateDir);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Processor:ApplicationId"] = ApplicationId,
            ["Processor:StateDir"] = stateDir,
            ["Processor:CommitIntervalMs"] = "100",
            ["Processor:WindowSizes:0"] = "00:00:10",
            ["Processor:WindowGrace"] = "00:00:01",
            ["Processor:LogWindows:Size"] = "00:00:10",
            ["Processor:LogWindows:Grace"] = "00:00:01",
        }).Build();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddLogging(l => l.AddProvider(log).SetMinimumLevel(LogLevel.Information));
        builder.Services.AddSingleton<IKafkaEndpoint>(new Endpoints(Kafka, Registry.Url));
        builder.Services.AddSingleton<ISchemaRegistryEndpoint>(new Endpoints(Kafka, Registry.Url));
        builder.Services.AddStreamsProcessor(configuration);
        var host = builder.Build();
        hosts.Add(host);
        await host.StartAsync();
        var running = host.Services.GetRequiredService<ProcessorService>().Running;
        if (await Task.WhenAny(running, Task.Delay(TimeSpan.FromSeconds(60))) != running)
        {
            throw new TimeoutException("The processor did not reach RUNNING in 60 s. Its log:\n" + string.Join('\n', log.Lines.TakeLast(60)));
        }

        return new RunningProcessor(host, log);
    }

    /// <summary>Stops an instance the way the host does on Ctrl-C: the stream closes, commits and leaves the group.</summary>
    public async Task StopProcessorAsync(RunningProcessor processor)
    {
        ArgumentNullException.ThrowIfNull(processor);
        hosts.Remove(processor.Host);
        await processor.Host.StopAsync(TimeSpan.FromSeconds(30));
        processor.Host.Dispose();
    }

    public void Produce(IEnumerable<MetricSample> samples) =>
        Produce(TopicCatalogue.MetricsRaw.Name, Samples, samples, s => s.host);

    public void Produce<T>(string topic, SchemaAvroSerDes<T> serdes, IEnumerable<T> records, Func<T, string> key)
        where T : class, Avro.Specific.ISpecificRecord, new()
    {
        using var producer = new ProducerBuilder<string, byte[]>(new ProducerConfig { BootstrapServers = Kafka.BootstrapServers, LingerMs = 5 }).Build();
        foreach (var record in records)
        {
            var bytes = serdes.Serialize(record, new SerializationContext(MessageComponentType.Value, topic));
            producer.Produce(topic, new Message<string, byte[]> { Key = key(record), Value = bytes });
        }

        producer.Flush(TimeSpan.FromSeconds(10));
    }

    /// <summary>Reads metrics.windows from the start until <paramref name="done"/> holds or the time is up.</summary>
    public List<MetricWindow> ReadWindows(Func<List<MetricWindow>, bool> done, TimeSpan timeout) =>
        Read(TopicCatalogue.MetricsWindows.Name, Windows, done, timeout);

    /// <summary>Reads <paramref name="topic"/> from the start until <paramref name="done"/> holds or the time is up.</summary>
    public List<T> Read<T>(string topic, SchemaAvroSerDes<T> serdes, Func<List<T>, bool> done, TimeSpan timeout)
        where T : class, Avro.Specific.ISpecificRecord, new()
    {
        using var consumer = new ConsumerBuilder<string, byte[]>(new ConsumerConfig
        {
            BootstrapServers = Kafka.BootstrapServers,
            GroupId = "reader-" + Guid.NewGuid().ToString("N"),
            AutoOffsetReset = AutoOffsetReset.Earliest,
        }).Build();
        consumer.Subscribe(topic);
        var records = new List<T>();
        var deadline = DateTime.UtcNow + timeout;
        while (!done(records) && DateTime.UtcNow < deadline)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is { Message: { } message } result)
            {
                records.Add(serdes.Deserialize(message.Value, new SerializationContext(MessageComponentType.Value, result.Topic)));
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
        foreach (var dir in stateDirs.Where(Directory.Exists))
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
