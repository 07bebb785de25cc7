using Streams.Platform.ClickHouse;
using Streams.Platform.Kafka;
using Streams.Platform.SchemaRegistry;

namespace Streams.Api.Benchmarks;

/// <summary>
/// The benchmark feeds the hub directly, so the registry and ClickHouse stay out of the figures
/// (nothing listens there); Kafka is a real, idle broker, which the API reads its keys from at start.
/// </summary>
internal sealed class BenchEndpoints(string bootstrapServers) : IKafkaEndpoint, ISchemaRegistryEndpoint, IClickHouseEndpoint
{
    public string BootstrapServers => bootstrapServers;

    public ITopicCreator? TopicCreator => null;

    public bool IsEmbedded => false;

    Uri ISchemaRegistryEndpoint.Url => new("http://127.0.0.1:1");

    Uri IClickHouseEndpoint.Url => new("http://127.0.0.1:1");

    public string ConnectionString => "Host=127.0.0.1;Port=1";
}
