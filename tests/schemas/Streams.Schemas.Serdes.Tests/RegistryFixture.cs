using Confluent.SchemaRegistry;
using Streams.Platform.Kafka;
using Streams.Platform.SchemaRegistry;
using Streams.Schemas.Topics;

namespace Streams.Schemas.Serdes.Tests;

/// <summary>The embedded Kafka and Schema Registry, shared by a test class: real client, real HTTP.</summary>
public sealed class RegistryFixture : IAsyncLifetime
{
    private EmbeddedKafkaCluster? _kafka;
    private EmbeddedSchemaRegistry? _registry;

    public CachedSchemaRegistryClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _kafka = EmbeddedKafkaCluster.Start(new EmbeddedKafkaOptions { Port = 0 });
        _kafka.CreateTopic(TopicCatalogue.Schemas.Name, 1);
        _registry = await EmbeddedSchemaRegistry.StartAsync(new EmbeddedSchemaRegistryOptions { Port = 0 }, _kafka.BootstrapServers);
        Client = new CachedSchemaRegistryClient(new SchemaRegistryConfig { Url = _registry.Url.ToString() });
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        if (_registry is not null)
        {
            await _registry.DisposeAsync();
        }

        _kafka?.Dispose();
    }
}
