using ClickHouse.Driver;
using Confluent.Kafka;
using Confluent.Kafka.Admin;
using Confluent.SchemaRegistry;
using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Containers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Streams.Platform.ClickHouse;
using Streams.Platform.Kafka;
using Streams.Platform.SchemaRegistry;
using Streams.Schemas.Topics;
using Streams.Topology.Serdes;
using Testcontainers.Kafka;

namespace Streams.Deployment.Tests.RealKafka;

/// <summary>
/// A real Apache Kafka broker (KRaft) and ClickHouse server in Docker, the catalogue's topics
/// created through the admin API as the compose one-shot does, and the embedded Schema Registry
/// keeping its schemas in that broker's <c>_schemas</c>. Starts nothing where Docker is absent:
/// every test using it is a <see cref="DockerFactAttribute"/> and is skipped there.
/// </summary>
public sealed class RealKafkaPlatform : IAsyncLifetime
{
    // The images docker-compose.kafka.yml runs.
    private const string KafkaImage = "apache/kafka:4.1.0";
    private const string ClickHouseImage = "clickhouse/clickhouse-server:25.8";
    private const int ClickHouseHttpPort = 8123;

    private readonly List<IHost> hosts = [];
    private readonly List<string> directories = [];
    private KafkaContainer? kafka;
    private IContainer? clickHouse;
    private EmbeddedSchemaRegistry? registry;

    public string BootstrapServers { get; private set; } = "";

    internal Uri ClickHouseUrl => clickHouse is null ? throw NotStarted() : new Uri($"http://{clickHouse.Hostname}:{clickHouse.GetMappedPublicPort(ClickHouseHttpPort)}");

    public async Task InitializeAsync()
    {
        if (DockerEngine.UnavailableReason is not null)
        {
            return;
        }

        kafka = new KafkaBuilder(KafkaImage).Build();
        clickHouse = new ContainerBuilder(ClickHouseImage)
            .WithPortBinding(ClickHouseHttpPort, assignRandomHostPort: true)
            // The image otherwise refuses network logins of the password-less default user.
            .WithEnvironment("CLICKHOUSE_SKIP_USER_SETUP", "1")
            .WithWaitStrategy(Wait.ForUnixContainer().UntilHttpRequestIsSucceeded(r => r.ForPort(ClickHouseHttpPort).ForPath("/ping")))
            .Build();
        await Task.WhenAll(kafka.StartAsync(), clickHouse.StartAsync());

        // Testcontainers gives a URI (plaintext://host:port/); clients want host:port.
        var address = new Uri(kafka.GetBootstrapAddress());
        BootstrapServers = $"{address.Host}:{address.Port}";
        await CreateCatalogueAsync();
        registry = await EmbeddedSchemaRegistry.StartAsync(new EmbeddedSchemaRegistryOptions { Port = 0 }, BootstrapServers);
    }

    /// <summary>A ClickHouse database no other test uses.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var database = "deploy_" + Guid.NewGuid().ToString("N")[..12];
        using var client = new ClickHouseClient($"Host={ClickHouseUrl.Host};Port={ClickHouseUrl.Port}");
        await client.ExecuteNonQueryAsync($"CREATE DATABASE {database}");
        return database;
    }

    public ClickHouseClient ClickHouseClient(string database) => new($"Host={ClickHouseUrl.Host};Port={ClickHouseUrl.Port};Database={database}");

    /// <summary>A new topic no other test uses, created on the broker.</summary>
    public async Task<string> CreateTopicAsync(string prefix, int partitions)
    {
        var name = $"{prefix}.{Guid.NewGuid().ToString("N")[..8]}";
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = BootstrapServers }).Build();
        await admin.CreateTopicsAsync([new TopicSpecification { Name = name, NumPartitions = partitions, ReplicationFactor = 1 }]);
        return name;
    }

    /// <summary>A directory removed with the platform.</summary>
    public string TempDirectory(string prefix)
    {
        var directory = Path.Combine(Path.GetTempPath(), prefix + Guid.NewGuid().ToString("N"));
        directories.Add(directory);
        return directory;
    }

    /// <summary>Starts a host that runs one role, registered by <paramref name="register"/>, against the containers.</summary>
    public async Task<IHost> StartRoleAsync(
        IReadOnlyDictionary<string, string?> settings,
        Action<IServiceCollection, IConfiguration> register,
        string database = "default")
    {
        ArgumentNullException.ThrowIfNull(register);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        var endpoints = new RealKafkaEndpoints(BootstrapServers, registry?.Url ?? throw NotStarted(), ClickHouseUrl, database);
        builder.Services.AddSingleton<IKafkaEndpoint>(endpoints);
        builder.Services.AddSingleton<ISchemaRegistryEndpoint>(endpoints);
        builder.Services.AddSingleton<IClickHouseEndpoint>(endpoints);
        register(builder.Services, configuration);
        var host = builder.Build();
        hosts.Add(host);
        await host.StartAsync();
        return host;
    }

    /// <summary>Stops a host the way SIGTERM does: stages finish their batch, commit and leave the group.</summary>
    public async Task StopAsync(IHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        hosts.Remove(host);
        await host.StopAsync(TimeSpan.FromSeconds(60));
        host.Dispose();
    }

    /// <summary>Produces Avro records in Confluent wire format and waits for every acknowledgement.</summary>
    public void Produce<T>(string topic, IEnumerable<T> records, Func<T, string> key)
        where T : class, Avro.Specific.ISpecificRecord, new()
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(key);
        using var registryClient = NewRegistryClient();
        var serdes = new SchemaAvroSerDes<T>(registryClient);
        using var producer = new ProducerBuilder<string, byte[]>(new ProducerConfig { BootstrapServers = BootstrapServers, LingerMs = 5 }).Build();
        foreach (var record in records)
        {
            producer.Produce(topic, new Message<string, byte[]> { Key = key(record), Value = serdes.Serialize(record, new SerializationContext(MessageComponentType.Value, topic)) });
        }

        Assert.Equal(0, producer.Flush(TimeSpan.FromSeconds(30)));
    }

    /// <summary>Produces the records in one transaction, then commits or aborts it.</summary>
    public void ProduceInTransaction<T>(string topic, IEnumerable<T> records, Func<T, string> key, bool commit)
        where T : class, Avro.Specific.ISpecificRecord, new()
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(key);
        using var registryClient = NewRegistryClient();
        var serdes = new SchemaAvroSerDes<T>(registryClient);
        using var producer = new ProducerBuilder<string, byte[]>(new ProducerConfig
        {
            BootstrapServers = BootstrapServers,
            TransactionalId = "deployment-tests-" + Guid.NewGuid().ToString("N"),
        }).Build();
        producer.InitTransactions(TimeSpan.FromSeconds(30));
        producer.BeginTransaction();
        foreach (var record in records)
        {
            producer.Produce(topic, new Message<string, byte[]> { Key = key(record), Value = serdes.Serialize(record, new SerializationContext(MessageComponentType.Value, topic)) });
        }

        producer.Flush(TimeSpan.FromSeconds(30));
        if (commit)
        {
            producer.CommitTransaction(TimeSpan.FromSeconds(30));
        }
        else
        {
            producer.AbortTransaction(TimeSpan.FromSeconds(30));
        }
    }

    /// <summary>Reads <paramref name="topic"/> from the start, keeping the records <paramref name="keep"/> selects, until <paramref name="done"/> holds or the time is up.</summary>
    public List<T> Read<T>(string topic, Func<T, bool> keep, Func<List<T>, bool> done, TimeSpan timeout)
        where T : class, Avro.Specific.ISpecificRecord, new()
    {
        ArgumentNullException.ThrowIfNull(keep);
        ArgumentNullException.ThrowIfNull(done);
        using var registryClient = NewRegistryClient();
        var serdes = new SchemaAvroSerDes<T>(registryClient);
        using var consumer = new ConsumerBuilder<string, byte[]>(new ConsumerConfig
        {
            BootstrapServers = BootstrapServers,
            GroupId = "reader-" + Guid.NewGuid().ToString("N"),
            AutoOffsetReset = AutoOffsetReset.Earliest,
        }).Build();
        consumer.Subscribe(topic);
        var records = new List<T>();
        var deadline = DateTime.UtcNow + timeout;
        while (!done(records) && DateTime.UtcNow < deadline)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is { Message: { } message } result
                && serdes.Deserialize(message.Value, new SerializationContext(MessageComponentType.Value, result.Topic)) is { } record
                && keep(record))
            {
                records.Add(record);
            }
        }

        consumer.Close();
        return records;
    }

    public async Task DisposeAsync()
    {
        foreach (var host in hosts)
        {
            await host.StopAsync(TimeSpan.FromSeconds(30));
            host.Dispose();
        }

        if (registry is not null)
        {
            await registry.DisposeAsync();
        }

        if (clickHouse is not null)
        {
            await clickHouse.DisposeAsync();
        }

        if (kafka is not null)
        {
            await kafka.DisposeAsync();
        }

        foreach (var directory in directories.Where(Directory.Exists))
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private CachedSchemaRegistryClient NewRegistryClient() =>
        new(new SchemaRegistryConfig { Url = (registry?.Url ?? throw NotStarted()).ToString() });

    private static InvalidOperationException NotStarted() => new("The real-Kafka platform did not start (no Docker engine).");

    private async Task CreateCatalogueAsync()
    {
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = BootstrapServers }).Build();
        await admin.CreateTopicsAsync(TopicCatalogue.All.Select(t => new TopicSpecification
        {
            Name = t.Name,
            NumPartitions = t.Partitions,
            ReplicationFactor = 1,
            Configs = t.Configs.ToDictionary(),
        }));
    }
}
