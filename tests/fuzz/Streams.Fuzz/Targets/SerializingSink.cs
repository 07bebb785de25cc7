using Confluent.Kafka;
using io.streams.avro;
using Streams.Collectors.Logs;
using Streams.Collectors.Publishing.Inbound;
using Streams.Schemas.Serdes;
using Streams.Schemas.Topics;
using Streams.Topology.Tests.Serdes;

namespace Streams.Fuzz.Targets;

/// <summary>
/// Where the receivers' output goes under fuzzing: every batch and record is written with the
/// Avro serializer the Kafka publishers use, so a parse that yields a record Kafka would refuse
/// (a null where the schema wants a string, say) is a crash here too, not only in production.
/// Dead letters are checked for what the dead-letter producer needs: a key and a value.
/// </summary>
internal sealed class SerializingSink : IInboundSink, ILogRecordSink
{
    private static readonly SerializationContext MetricsRaw = new(MessageComponentType.Value, TopicCatalogue.MetricsRaw.Name);
    private static readonly SerializationContext LogsRaw = new(MessageComponentType.Value, TopicCatalogue.LogsRaw.Name);

    private readonly AvroWireSerializer<MetricBatch> _batches;
    private readonly AvroWireSerializer<LogRecord> _records;

    public SerializingSink()
    {
        var registry = new InMemorySchemaRegistryClient();
        _batches = new AvroWireSerializer<MetricBatch>(registry, recordSubjects: true);
        _records = new AvroWireSerializer<LogRecord>(registry);
    }

    public long Published { get; private set; }

    public long DeadLetters { get; private set; }

    public void Publish(MetricBatch batch)
    {
        _batches.Serialize(batch, MetricsRaw);
        Published += batch.points.Count;
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
