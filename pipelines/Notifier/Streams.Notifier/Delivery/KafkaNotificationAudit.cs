using System.Diagnostics;
using Confluent.Kafka;
using Streams.Schemas.Serdes.Tracing;
using Confluent.SchemaRegistry;
using io.streams.avro;
using Streams.Platform.Kafka;
using Streams.Platform.SchemaRegistry;
using Streams.Schemas.Serdes;
using Streams.Schemas.Topics;
using Streams.Topology.DeadLetters;

namespace Streams.Notifier.Delivery;

/// <summary>
/// Writes audit records to <c>notifications</c>, keyed by alert fingerprint, in Avro. Idempotent
/// with acks=all, so a record is durable when its task completes and a PENDING record never lands
/// after the SENT one of the same notification. Built on first use: the endpoints are valid only
/// once the host has started.
/// </summary>
internal sealed class KafkaNotificationAudit : INotificationAudit, IDisposable
{
    /// <summary>The value of the dead-letter <c>stage</c> header for the notifier's rejects.</summary>
    public const string DeadLetterStage = "notifier";

    private readonly Lazy<(IProducer<string, byte[]> Producer, CachedSchemaRegistryClient Registry, AvroWireSerializer<Notification> Serializer)> kafka;

    public KafkaNotificationAudit(IKafkaEndpoint endpoint, ISchemaRegistryEndpoint registry)
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
            return (producer, client, new AvroWireSerializer<Notification>(client));
        });
    }

    public async Task RecordAsync(Notification record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        var (producer, _, serializer) = kafka.Value;
        var topic = TopicCatalogue.Notifications.Name;
        var value = serializer.Serialize(record, new SerializationContext(MessageComponentType.Value, topic));
        var message = new Message<string, byte[]> { Key = record.alertFingerprint, Value = value, Headers = [] };
        message.Headers.SetTraceContext(Activity.Current);
        await producer.ProduceAsync(topic, message, cancellationToken).ConfigureAwait(false);
    }

    public async Task DeadLetterAsync(TopicPartitionOffset source, byte[] original, string reason, string detail, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        var (producer, _, _) = kafka.Value;
        // ToHeaders also counts the dead letter, as every stage's do.
        var headers = new Rejection(DeadLetterStage, reason, detail, original, source).ToHeaders();
        await producer.ProduceAsync(TopicCatalogue.DeadLetter.Name, new Message<string, byte[]> { Key = source.Topic, Value = original, Headers = headers }, cancellationToken).ConfigureAwait(false);
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
