using Confluent.Kafka;
using Confluent.SchemaRegistry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Streams.Platform.Kafka;
using Streams.Platform.Kafka.Streamiz;
using Streams.Platform.SchemaRegistry;
using Streams.Schemas.Topics;
using Streams.Topology.Serdes;

namespace Streams.Testing;

/// <summary>
/// The embedded broker (every catalogued topic) and Schema Registry on free ports, hosts that run
/// one Streamiz role against them, and Avro records in and out of their topics.
/// </summary>
public sealed class StreamizTestPlatform : IAsyncDisposable
{
    private readonly List<IHost> hosts = [];
    private readonly List<string> directories = [];

    private StreamizTestPlatform(EmbeddedKafkaCluster kafka, EmbeddedSchemaRegistry registry)
    {
        Kafka = kafka;
        Registry = registry;
        RegistryClient = new CachedSchemaRegistryClient(new SchemaRegistryConfig { Url = registry.Url.ToString() });
    }

    public EmbeddedKafkaCluster Kafka { get; }

    public EmbeddedSchemaRegistry Registry { get; }

    public CachedSchemaRegistryClient RegistryClient { get; }

    public static async Task<StreamizTestPlatform> StartAsync()
    {
        var kafka = EmbeddedKafkaCluster.Start(new EmbeddedKafkaOptions { Port = 0 });
        kafka.CreateTopics(TopicCatalogue.All);
        var registry = await EmbeddedSchemaRegistry.StartAsync(new EmbeddedSchemaRegistryOptions { Port = 0 }, kafka.BootstrapServers);
        return new StreamizTestPlatform(kafka, registry);
    }

    /// <summary>A directory removed with the platform.</summary>
    public string TempDirectory(string prefix)
    {
        var directory = Path.Combine(Path.GetTempPath(), prefix + Guid.NewGuid().ToString("N"));
        directories.Add(directory);
        return directory;
    }

    /// <summary>Starts a host with one role, registered by <paramref name="register"/> from <paramref name="settings"/>, and waits until its stream runs.</summary>
    public async Task<(IHost Host, TService Service)> StartRoleAsync<TService>(
        IReadOnlyDictionary<string, string?> settings,
        Action<IServiceCollection, IConfiguration> register,
        ILoggerProvider? log = null)
        where TService : StreamizService
    {
        ArgumentNullException.ThrowIfNull(register);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddLogging(l =>
        {
            if (log is not null)
            {
                l.AddProvider(log).SetMinimumLevel(LogLevel.Information);
            }
        });
        var endpoints = new Endpoints(Kafka, Registry.Url);
        builder.Services.AddSingleton<IKafkaEndpoint>(endpoints);
        builder.Services.AddSingleton<ISchemaRegistryEndpoint>(endpoints);
        register(builder.Services, configuration);
        var host = builder.Build();
        hosts.Add(host);
        await host.StartAsync();
        var service = host.Services.GetRequiredService<TService>();
        if (await Task.WhenAny(service.Running, Task.Delay(TimeSpan.FromSeconds(120))) != service.Running)
        {
            throw new TimeoutException($"{typeof(TService).Name} did not reach RUNNING in 120 s.");
        }

        return (host, service);
    }

    /// <summary>Stops a host the way Ctrl-C does: the stream closes, commits and leaves the group.</summary>
    public async Task StopAsync(IHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        hosts.Remove(host);
        await host.StopAsync(TimeSpan.FromSeconds(30));
        host.Dispose();
    }

    public void Produce<T>(string topic, SchemaAvroSerDes<T> serdes, IEnumerable<T> records, Func<T, string> key)
        where T : class, Avro.Specific.ISpecificRecord, new()
    {
        ArgumentNullException.ThrowIfNull(serdes);
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(key);
        using var producer = new ProducerBuilder<string, byte[]>(new ProducerConfig { BootstrapServers = Kafka.BootstrapServers, LingerMs = 5 }).Build();
        foreach (var record in records)
        {
            var bytes = serdes.Serialize(record, new SerializationContext(MessageComponentType.Value, topic));
            producer.Produce(topic, new Message<string, byte[]> { Key = key(record), Value = bytes });
        }

        producer.Flush(TimeSpan.FromSeconds(10));
    }

    /// <summary>Reads <paramref name="topic"/> from the start until <paramref name="done"/> holds or the time is up.</summary>
    public List<T> Read<T>(string topic, SchemaAvroSerDes<T> serdes, Func<List<T>, bool> done, TimeSpan timeout)
        where T : class, Avro.Specific.ISpecificRecord, new()
    {
        ArgumentNullException.ThrowIfNull(serdes);
        ArgumentNullException.ThrowIfNull(done);
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
        foreach (var directory in directories.Where(Directory.Exists))
        {
            Directory.Delete(directory, recursive: true);
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
