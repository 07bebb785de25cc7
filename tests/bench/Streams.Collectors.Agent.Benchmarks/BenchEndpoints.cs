using Streams.Platform.Kafka;
using Streams.Platform.SchemaRegistry;

namespace Streams.Collectors.Agent.Benchmarks;

/// <summary>The parent's embedded broker and registry, as the agent child resolves them from DI.</summary>
internal sealed class BenchEndpoints(string bootstrapServers, Uri registry) : IKafkaEndpoint, ISchemaRegistryEndpoint
{
    public string BootstrapServers { get; } = bootstrapServers;

    public Uri Url { get; } = registry;

    public bool IsEmbedded => false;

    public ITopicCreator? TopicCreator => null;
}
