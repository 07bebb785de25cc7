using Streams.Platform.ClickHouse;
using Streams.Platform.Kafka;
using Streams.Platform.SchemaRegistry;

namespace Streams.Sinks.ClickHouse.Benchmarks;

internal sealed class BenchEndpoints(string bootstrapServers, Uri registry, Uri clickHouse, string connectionString)
    : IKafkaEndpoint, ISchemaRegistryEndpoint, IClickHouseEndpoint
{
    public string BootstrapServers { get; } = bootstrapServers;

    public ITopicCreator? TopicCreator => null;

    Uri ISchemaRegistryEndpoint.Url => registry;

    Uri IClickHouseEndpoint.Url => clickHouse;

    public string ConnectionString { get; } = connectionString;

    public bool IsEmbedded => true;
}
