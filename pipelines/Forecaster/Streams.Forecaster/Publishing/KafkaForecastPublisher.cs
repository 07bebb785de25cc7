using Confluent.Kafka;
using Confluent.SchemaRegistry;
using io.streams.avro;
using Streams.Platform.Kafka;
using Streams.Platform.SchemaRegistry;
using Streams.Schemas.Serdes;
using Streams.Schemas.Topics;

namespace Streams.Forecaster.Publishing;

/// <summary>
/// Writes forecasts to <c>forecasts</c> in Avro, keyed by host; idempotent with acks=all. Built on
/// first use: the endpoints are valid only once the host has started.
/// </summary>
internal sealed class KafkaForecastPublisher : IForecastPublisher, IDisposable
{
    private readonly Lazy<(IProducer<string, byte[]> Producer, CachedSchemaRegistryClient Registry, AvroWireSerializer<Forecast> Serializer)> kafka;

    public KafkaForecastPublisher(IKafkaEndpoint endpoint, ISchemaRegistryEndpoint registry)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(registry);
        kafka = new(() =>
        {
            var client = new CachedSchemaRegistryClient(new SchemaRegistryConfig { Url = registry.Url.ToString() });
            var producer = new ProducerBuilder<string, byte[]>(new ProducerConfig
            {
                BootstrapServers = endpoint.BootstrapServers,
                EnableIdempotence = true,
                Acks = Acks.All,
                LingerMs = 20,
                CompressionType = CompressionType.Lz4,
            }).Build();
            return (producer, client, new AvroWireSerializer<Forecast>(client));
        });
    }

    public async Task PublishAsync(IReadOnlyList<Forecast> forecasts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(forecasts);
        var (producer, _, serializer) = kafka.Value;
        var topic = TopicCatalogue.Forecasts.Name;
        var context = new SerializationContext(MessageComponentType.Value, topic);
        await Task.WhenAll(forecasts.Select(f =>
            producer.ProduceAsync(topic, new Message<string, byte[]> { Key = f.host, Value = serializer.Serialize(f, context) }, cancellationToken)));
    }

    public void Dispose()
    {
        if (kafka.IsValueCreated)
        {
            var (producer, registry, _) = kafka.Value;
            producer.Flush(TimeSpan.FromSeconds(10));
            producer.Dispose();
            registry.Dispose();
        }
    }
}
