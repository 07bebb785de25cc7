using Streams.Platform.ClickHouse;
using Streams.Platform.Kafka;
using Streams.Platform.SchemaRegistry;

namespace Streams.Deployment.Tests.RealKafka;

/// <summary>
/// External endpoints as the host resolves them when Kafka:BootstrapServers is set: no topic
/// creator, so Streamiz creates its changelog and repartition topics through the broker's admin API.
/// </summary>
internal sealed class RealKafkaEndpoints(string bootstrapServers, Uri registry, Uri clickHouse, string database)
    : IKafkaEndpoint, ISchemaRegistryEndpoint, IClickHouseEndpoint
{
    public string BootstrapServers { get; } = bootstrapServers;

    public bool IsEmbedded => false;

    public ITopicCreator? TopicCreator => null;

    Uri ISchemaRegistryEndpoint.Url => registry;

    Uri IClickHouseEndpoint.Url => clickHouse;

    public string ConnectionString => $"Host={clickHouse.Host};Port={clickHouse.Port};Database={database}";
}
