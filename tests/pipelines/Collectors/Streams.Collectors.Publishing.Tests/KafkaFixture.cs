using Confluent.Kafka;
using Confluent.Kafka.SyncOverAsync;
using Confluent.SchemaRegistry;
using Confluent.SchemaRegistry.Serdes;
using Avro.Specific;
using Streams.Platform.Kafka;
using Streams.Platform.SchemaRegistry;
using Streams.Schemas.Topics;

namespace Streams.Collectors.Publishing.Tests;

/// <summary>
/// The embedded broker and Schema Registry, shared by the tests of a class (each test uses its own
/// topic), also serving as the endpoints a role resolves from DI. Linked into the collectors' other test projects.
/// </summary>
public sealed class KafkaFixture : IAsyncLifetime, IKafkaEndpoint, ISchemaRegistryEndpoint
{
    private EmbeddedKafkaCluster? _kafka;
    private EmbeddedSchemaRegistry? _registry;

    public string BootstrapServers => _kafka!.BootstrapServers;

    public Uri Url => _registry!.Url;

    public bool IsEmbedded => true;

    public ITopicCreator? TopicCreator => null;

    public void CreateTopic(string topic, int partitions) => _kafka!.CreateTopic(topic, partitions);

    public CachedSchemaRegistryClient NewRegistryClient() => new(new SchemaRegistryConfig { Url = _registry!.Url.ToString() });

    public string NewTopic()
    {
        var topic = "test." + Guid.NewGuid().ToString("N");
        _kafka!.CreateTopic(topic, 3);
        return topic;
    }

    /// <summary>
    /// Reads <paramref name="topic"/> from the beginning with Confluent's own Avro deserializer until it
    /// has been quiet for <paramref name="quiet"/> after the first record (or 20 s without any: joining the group takes a while).
    /// </summary>
    public List<(string Key, T Value)> ConsumeAll<T>(string topic, TimeSpan quiet)
        where T : ISpecificRecord
    {
        using var registry = NewRegistryClient();
        using var consumer = new ConsumerBuilder<string, T>(new ConsumerConfig
        {
            BootstrapServers = BootstrapServers,
            GroupId = Guid.NewGuid().ToString("N"),
            AutoOffsetReset = AutoOffsetReset.Earliest,
            EnableAutoCommit = false,
        }).SetValueDeserializer(new AvroDeserializer<T>(registry).AsSyncOverAsync()).Build();
        consumer.Subscribe(topic);
        var records = new List<(string, T)>();
        var lastSeen = DateTime.UtcNow.AddSeconds(20) - quiet;
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow - lastSeen < quiet && DateTime.UtcNow < deadline)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(100)) is { Message: { } message })
            {
                records.Add((message.Key, message.Value));
                lastSeen = DateTime.UtcNow;
            }
        }

        consumer.Close();
        return records;
    }

    public async Task InitializeAsync()
    {
        _kafka = EmbeddedKafkaCluster.Start(new EmbeddedKafkaOptions { Port = 0 });
        _kafka.CreateTopic(TopicCatalogue.Schemas.Name, 1);
        _registry = await EmbeddedSchemaRegistry.StartAsync(new EmbeddedSchemaRegistryOptions { Port = 0 }, _kafka.BootstrapServers);
    }

    public async Task DisposeAsync()
    {
        if (_registry is not null)
        {
            await _registry.DisposeAsync();
        }

        _kafka?.Dispose();
    }
}
