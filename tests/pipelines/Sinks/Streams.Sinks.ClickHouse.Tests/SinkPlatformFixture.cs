using System.Net;
using ClickHouse.Driver;
using Confluent.Kafka;
using Confluent.SchemaRegistry;
using io.streams.avro;
using Microsoft.Extensions.Hosting;
using Streams.Platform.ClickHouse;
using Streams.Platform.Kafka;
using Streams.Platform.SchemaRegistry;
using Streams.Schemas.Serdes;
using Streams.Schemas.Topics;
using Streams.Sinks.ClickHouse.Migrations;
using Streams.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Streams.Sinks.ClickHouse.Tests;

/// <summary>The embedded platform (Kafka, Schema Registry, ClickHouse) on free ports, shared by the test classes of <see cref="SinkPlatformGroup"/>.</summary>
public sealed class SinkPlatformFixture : IAsyncLifetime
{
    private readonly string dataPath = Path.Combine(Path.GetTempPath(), "streams-sink-tests-" + Guid.NewGuid().ToString("N"));
    private EmbeddedKafkaCluster? kafka;
    private EmbeddedSchemaRegistry? registry;
    private EmbeddedClickHouseServer? clickHouse;

    public EmbeddedKafkaCluster Kafka => kafka ?? throw new InvalidOperationException("Kafka did not start.");

    public EmbeddedClickHouseServer ClickHouse => clickHouse ?? throw new InvalidOperationException("ClickHouse did not start.");

    public Uri RegistryUrl => registry?.Url ?? throw new InvalidOperationException("The registry did not start.");

    public CachedSchemaRegistryClient RegistryClient { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        kafka = EmbeddedKafkaCluster.Start(new EmbeddedKafkaOptions { Port = 0 });
        kafka.CreateTopics(TopicCatalogue.All);
        registry = await EmbeddedSchemaRegistry.StartAsync(new EmbeddedSchemaRegistryOptions { Port = 0 }, kafka.BootstrapServers);
        RegistryClient = new CachedSchemaRegistryClient(new SchemaRegistryConfig { Url = registry.Url.ToString() });
        clickHouse = await EmbeddedClickHouseServer.StartAsync(new EmbeddedClickHouseOptions { Port = 0, DataPath = dataPath });
    }

    public async Task DisposeAsync()
    {
        RegistryClient?.Dispose();
        if (clickHouse is not null)
        {
            await clickHouse.DisposeAsync();
        }

        if (registry is not null)
        {
            await registry.DisposeAsync();
        }

        kafka?.Dispose();
        if (Directory.Exists(dataPath))
        {
            Directory.Delete(dataPath, recursive: true);
        }
    }

    /// <summary>A fresh database (so tests do not see each other's rows), optionally with the migrations applied; returns its name and a client on it.</summary>
    public async Task<(string Database, ClickHouseClient Client)> CreateDatabaseAsync(bool migrate = true)
    {
        var database = "test_" + Guid.NewGuid().ToString("N")[..12];
        using (var root = new ClickHouseClient(ClickHouse.ConnectionString))
        {
            await root.ExecuteNonQueryAsync($"CREATE DATABASE {database}");
        }

        var client = new ClickHouseClient(ClickHouse.ConnectionString + ";Database=" + database);
        if (migrate)
        {
            await new ClickHouseMigrator(client, NullLogger.Instance).ApplyAsync(MigrationCatalogue.All, CancellationToken.None);
        }

        return (database, client);
    }

    /// <summary>A new topic no other test uses.</summary>
    public string CreateTopic(string prefix, int partitions)
    {
        var name = prefix + "." + Guid.NewGuid().ToString("N")[..8];
        Kafka.CreateTopic(name, partitions);
        return name;
    }

    internal TestEndpoints Endpoints(string database) => new(Kafka.BootstrapServers, RegistryUrl, ClickHouse.Url, database);

    /// <summary>A started TCP relay to the embedded ClickHouse: stop it to take ClickHouse away from a sink, start it to bring it back.</summary>
    internal TcpProxy StartClickHouseProxy()
    {
        var proxy = new TcpProxy(new IPEndPoint(IPAddress.Loopback, ClickHouse.Port));
        proxy.Start();
        return proxy;
    }

    /// <summary>A started sink host on <paramref name="topic"/> that reaches ClickHouse at <paramref name="clickHouse"/> (e.g. a proxy's URL).</summary>
    internal async Task<IHost> StartSinkAsync(string database, Uri clickHouse, string topic, string group, string batchSize)
    {
        var host = SinkHost.Build(new TestEndpoints(Kafka.BootstrapServers, RegistryUrl, clickHouse, database), SinkHost.Settings(topic, group, batchSize));
        await host.StartAsync();
        return host;
    }

    /// <summary>Produces Avro records in Confluent wire format, keyed by <paramref name="key"/>, and waits for all acknowledgements.</summary>
    public async Task ProduceAsync<T>(string topic, IEnumerable<T> records, Func<T, string> key)
        where T : class, Avro.Specific.ISpecificRecord, new()
    {
        using var producer = new ProducerBuilder<string, T>(new ProducerConfig { BootstrapServers = Kafka.BootstrapServers, LingerMs = 5, EnableIdempotence = true })
            .SetValueSerializer(new AvroWireSerializer<T>(RegistryClient))
            .Build();
        foreach (var record in records)
        {
            // 120,000 records outrun a busy machine's broker: wait for room instead of failing with "Local: Queue full".
            while (true)
            {
                try
                {
                    producer.Produce(topic, new Message<string, T> { Key = key(record), Value = record });
                    break;
                }
                catch (ProduceException<string, T> ex) when (ex.Error.Code == ErrorCode.Local_QueueFull)
                {
                    producer.Poll(TimeSpan.FromMilliseconds(10));
                }
            }
        }

        producer.Flush(TimeSpan.FromSeconds(30));
        await Task.CompletedTask;
    }

    /// <summary>Produces raw bytes (to test what cannot be decoded).</summary>
    /// <summary>The Kafka timestamp of the record at <paramref name="offset"/> of partition 0.</summary>
    public long TimestampAt(string topic, long offset)
    {
        using var consumer = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig { BootstrapServers = Kafka.BootstrapServers, GroupId = "timestamp-" + Guid.NewGuid().ToString("N") }).Build();
        consumer.Assign(new TopicPartitionOffset(topic, 0, offset));
        var record = consumer.Consume(TimeSpan.FromSeconds(10)) ?? throw new InvalidOperationException($"No record at {topic}[0]@{offset}.");
        return record.Message.Timestamp.UnixTimestampMs;
    }

    public void ProduceBytes(string topic, string key, byte[] value)
    {
        using var producer = new ProducerBuilder<string, byte[]>(new ProducerConfig { BootstrapServers = Kafka.BootstrapServers }).Build();
        producer.ProduceAsync(topic, new Message<string, byte[]> { Key = key, Value = value }).GetAwaiter().GetResult();
    }

    public static IEnumerable<MetricSample> Samples(int count, DateTime start, int hosts = 20) =>
        Enumerable.Range(0, count).Select(i => new MetricSample
        {
            host = $"host-{i % hosts:D3}",
            metric = i % 2 == 0 ? "cpu.user" : "mem.used",
            value = i,
            unit = "ratio",
            kind = MetricKind.GAUGE,
            timestamp = start.AddMilliseconds(i),
            tags = new Dictionary<string, string> { ["dc"] = "eu-1" },
            source = MetricSource.SIMULATOR,
            intervalMs = 10_000,
        });
}
