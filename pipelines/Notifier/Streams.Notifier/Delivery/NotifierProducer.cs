using System.Collections.Concurrent;
using System.Diagnostics;
using Avro.Specific;
using Confluent.Kafka;
using Confluent.SchemaRegistry;
using Streams.Platform.Kafka;
using Streams.Platform.SchemaRegistry;
using Streams.Schemas.Serdes;
using Streams.Schemas.Serdes.Tracing;

namespace Streams.Notifier.Delivery;

/// <summary>
/// The notifier's one producer, for its audit records, its dead letters and the dashboard feed.
/// Idempotent with acks=all, so a record is durable when its task completes and records of one
/// key land in the order they were written. Built on first use: the endpoints are valid only
/// once the host has started.
/// </summary>
internal sealed class NotifierProducer : IDisposable
{
    private readonly Lazy<(IProducer<string, byte[]> Producer, CachedSchemaRegistryClient Registry)> kafka;
    private readonly ConcurrentDictionary<Type, object> serializers = new();

    public NotifierProducer(IKafkaEndpoint endpoint, ISchemaRegistryEndpoint registry)
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
                LingerMs = 5,
            }).Build();
            return (producer, client);
        });
    }

    /// <summary>Writes <paramref name="record"/> in Avro with the current trace context; completes once the topic has it.</summary>
    public Task ProduceAsync<T>(string topic, string key, T record, CancellationToken cancellationToken)
        where T : ISpecificRecord, new()
    {
        ArgumentNullException.ThrowIfNull(record);
        var registry = kafka.Value.Registry;
        var serializer = (AvroWireSerializer<T>)serializers.GetOrAdd(typeof(T), _ => new AvroWireSerializer<T>(registry));
        var message = new Message<string, byte[]>
        {
            Key = key,
            Value = serializer.Serialize(record, new SerializationContext(MessageComponentType.Value, topic)),
            Headers = [],
        };
        message.Headers.SetTraceContext(Activity.Current);
        return ProduceAsync(topic, message, cancellationToken);
    }

    /// <summary>Writes bytes as they are (a dead letter keeps the original record).</summary>
    public async Task ProduceAsync(string topic, Message<string, byte[]> message, CancellationToken cancellationToken) =>
        await kafka.Value.Producer.ProduceAsync(topic, message, cancellationToken).ConfigureAwait(false);

    public void Dispose()
    {
        if (kafka.IsValueCreated)
        {
            var (producer, registry) = kafka.Value;
            producer.Flush(TimeSpan.FromSeconds(10));
            producer.Dispose();
            registry.Dispose();
        }
    }
}
