using Streams.Platform.ClickHouse;
using Streams.Platform.Kafka;
using Streams.Platform.SchemaRegistry;

namespace Streams.Api.Benchmarks;

/// <summary>Endpoints nothing listens on: the benchmark feeds the hub directly, so Kafka, the registry and ClickHouse stay out of the figures.</summary>
internal sealed class BenchEndpoints : IKafkaEndpoint, ISchemaRegistryEndpoint, IClickHouseEndpoint
{
    public string BootstrapServers => "127.0.0.1:1";

    public ITopicCreator? TopicCreator => null;

    public bool IsEmbedded => false;

    Uri ISchemaRegistryEndpoint.Url => new("http://127.0.0.1:1");

    Uri IClickHouseEndpoint.Url => new("http://127.0.0.1:1");

    public string ConnectionString => "Host=127.0.0.1;Port=1";
}
