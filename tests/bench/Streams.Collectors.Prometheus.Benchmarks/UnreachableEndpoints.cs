using Streams.Platform.Kafka;
using Streams.Platform.SchemaRegistry;

namespace Streams.Collectors.Prometheus.Benchmarks;

/// <summary>Endpoints nothing listens on: the spooling publisher appends to disk without sending, which is what Publish costs a receiver.</summary>
internal sealed class UnreachableEndpoints : IKafkaEndpoint, ISchemaRegistryEndpoint
{
    public string BootstrapServers => "127.0.0.1:1";

    public bool IsEmbedded => false;

    public ITopicCreator? TopicCreator => null;

    public Uri Url => new("http://127.0.0.1:1");
}
