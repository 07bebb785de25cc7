using Streams.Platform.ClickHouse;
using Streams.Platform.Kafka;
using Streams.Platform.SchemaRegistry;

namespace Streams.Api.Tests;

/// <summary>The fixture's platform as the API resolves it.</summary>
internal sealed class TestEndpoints(string bootstrapServers, Uri registry, Uri clickHouse, string database) : IKafkaEndpoint, ISchemaRegistryEndpoint, IClickHouseEndpoint
{
    public string BootstrapServers { get; } = bootstrapServers;

    public ITopicCreator? TopicCreator => null;

    Uri ISchemaRegistryEndpoint.Url => registry;

    Uri IClickHouseEndpoint.Url => clickHouse;

    public string ConnectionString => $"Host={clickHouse.Host};Port={clickHouse.Port};Database={database}";

    public bool IsEmbedded => true;
}
