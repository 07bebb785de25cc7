using Streams.Platform.Kafka;
using Streams.Platform.SchemaRegistry;
using Streams.Testing;

namespace Streams.Alerting.Benchmarks;

/// <summary>The embedded platform as the roles see it; the broker creates Streamiz' repartition and changelog topics.</summary>
internal sealed class BenchEndpoints(StreamizTestPlatform platform) : IKafkaEndpoint, ISchemaRegistryEndpoint
{
    public string BootstrapServers => platform.Kafka.BootstrapServers;

    public bool IsEmbedded => true;

    public ITopicCreator? TopicCreator => platform.Kafka;

    public Uri Url => platform.Registry.Url;
}
