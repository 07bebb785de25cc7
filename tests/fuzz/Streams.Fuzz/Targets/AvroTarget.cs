using System.Text.Json.Nodes;
using Avro.Specific;
using Confluent.Kafka;
using Streams.Fuzz.Harness;
using Streams.Schemas.Serdes;
using Streams.Topology.Serdes;
using Streams.Topology.Tests.Serdes;
using RegistrySchema = Confluent.SchemaRegistry.Schema;

namespace Streams.Fuzz.Targets;

/// <summary>
/// Confluent-framed Avro read by the topology's <see cref="SchemaAvroSerDes{T}"/> (over
/// <see cref="AvroWireDeserializer{T}"/>), as every stage reads its input topic. Schema id 1 is
/// the record's current schema, id 2 the same record with its last field dropped (an older
/// writer, so schema resolution runs too). Expected rejection: <see cref="InvalidDataException"/>,
/// which the stages dead-letter. A record that reads must write back.
/// </summary>
internal sealed class AvroTarget<T> : IFuzzTarget
    where T : class, ISpecificRecord, new()
{
    private readonly SchemaAvroSerDes<T> _serdes;
    private readonly SerializationContext _context;

    public AvroTarget(string name, string topic)
    {
        Name = name;
        _context = new SerializationContext(MessageComponentType.Value, topic);
        var registry = new InMemorySchemaRegistryClient();
        var schema = new T().Schema;
        registry.RegisterSchemaAsync(topic + "-value", new RegistrySchema(schema.ToString(), Confluent.SchemaRegistry.SchemaType.Avro)).GetAwaiter().GetResult();
        registry.RegisterSchemaAsync(topic + "-value", new RegistrySchema(OlderSchema(schema.ToString()), Confluent.SchemaRegistry.SchemaType.Avro)).GetAwaiter().GetResult();
        _serdes = new SchemaAvroSerDes<T>(registry);
    }

    public string Name { get; }

    public IReadOnlyList<byte[]> Dictionary { get; } = [[0, 0, 0, 0, 1], [0, 0, 0, 0, 2], [0x01], [0x02], [0x7F], [0xFF, 0xFF, 0xFF, 0xFF, 0x0F], [0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01]];

    public void Run(ReadOnlySpan<byte> input)
    {
        T record;
        try
        {
            record = _serdes.Deserialize(input.ToArray(), _context);
        }
        catch (InvalidDataException)
        {
            return;
        }

        _serdes.Serialize(record, _context);
    }

    /// <summary>The schema without its last field: what a producer built before that field was added would have registered.</summary>
    private static string OlderSchema(string schema)
    {
        var parsed = JsonNode.Parse(schema)!;
        var fields = parsed["fields"]!.AsArray();
        fields.RemoveAt(fields.Count - 1);
        return parsed.ToJsonString();
    }
}
