using Confluent.Kafka;
using io.streams.avro;
using Streams.Collectors.Logs;
using Streams.Collectors.Prometheus.Inbound;
using Streams.Schemas.Serdes;
using Streams.Schemas.Topics;
using Streams.Topology.Tests.Serdes;

namespace Streams.Fuzz.Targets;

/// <summary>
/// Where the receivers' output goes under fuzzing: every sample and record is written with the
/// Avro serializer the Kafka publishers use, so a parse that yields a record Kafka would refuse
/// (a null where the schema wants a string, say) is a crash here too, not only in production.
/// Dead letters are checked for what the dead-letter producer needs: a key and a value.
/// </summary>
internal sealed class SerializingSink : IInboundSink, ILogRecordSink
{
    private static readonly SerializationContext MetricsRaw = new(MessageComponentType.Value, TopicCatalogue.MetricsRaw.Name);
    private static readonly SerializationContext LogsRaw = new(MessageComponentType.Value, TopicCatalogue.LogsRaw.Name);

    private readonly AvroWireSerializer<MetricSample> _samples;
    private readonly AvroWireSerializer<LogRecord> _records;

    public SerializingSink()
    {
        var registry = new InMemorySchemaRegistryClient();
        _samples = new AvroWireSerializer<MetricSample>(registry);
        _records = new AvroWireSerializer<LogRecord>(registry);
    }

    public long Published { get; private set; }

    public long DeadLetters { get; private set; }

    public void Publish(MetricSample sample)
    {
        _samples.Serialize(sample, MetricsRaw);
        Published++;
    }

    public void Publish(LogRecord record)
    {
        _records.Serialize(record, LogsRaw);
        Published++;
    }

    public void Ship(LogRecord record) => Publish(record);

    public void DeadLetter(InboundDeadLetter letter)
    {
        ArgumentNullException.ThrowIfNull(letter);
        ArgumentException.ThrowIfNullOrEmpty(letter.Source);
        ArgumentNullException.ThrowIfNull(letter.Original);
        DeadLetters++;
    }
}
