using Streams.Platform.ClickHouse;
using Streams.Platform.Kafka;
using Streams.Platform.SchemaRegistry;

namespace Streams.Sinks.ClickHouse.Tests;

/// <summary>Fixed endpoints for a sink that runs against a platform started elsewhere (the fixture, or the parent process).</summary>
internal sealed class TestEndpoints(string bootstrapServers, Uri registry, Uri clickHouse, string database) : IKafkaEndpoint, ISchemaRegistryEndpoint, IClickHouseEndpoint
{
    public string BootstrapServers { get; } = bootstrapServers;

    public ITopicCreator? TopicCreator => null;

    Uri ISchemaRegistryEndpoint.Url => registry;

    Uri IClickHouseEndpoint.Url => clickHouse;

    public string ConnectionString => $"Host={clickHouse.Host};Port={clickHouse.Port};Database={database}";

    public bool IsEmbedded => false;
}
