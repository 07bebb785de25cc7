using System.Collections.Concurrent;
using Avro.IO;
using Avro.Specific;
using Confluent.Kafka;
using Confluent.SchemaRegistry;
using RegistrySchema = Confluent.SchemaRegistry.Schema;

namespace Streams.Schemas.Serdes;

/// <summary>
/// Writes generated Avro records in Confluent's wire format, byte for byte what Confluent's
/// <c>AvroSerializer</c> writes, without its per-record async machinery: the schema id is
/// looked up once per subject, then every record is one Apache.Avro write into a reused
/// buffer. Subjects follow the topic strategy (<c>{topic}-value</c>, <c>{topic}-key</c>), or
/// Confluent's topic-record strategy (<c>{topic}-{record full name}</c>) for a topic that carries
/// more than one record type. Thread-safe.
/// </summary>
public sealed class AvroWireSerializer<T> : ISerializer<T>
    where T : ISpecificRecord, new()
{
    [ThreadStatic]
    private static MemoryStream? t_buffer;

    private readonly ISchemaRegistryClient _registry;
    private readonly bool _autoRegister;
    private readonly bool _recordSubjects;
    private readonly Avro.Schema _schema = new T().Schema;
    private readonly SpecificDatumWriter<T> _writer;
    private readonly ConcurrentDictionary<string, int> _ids = new(StringComparer.Ordinal);

    /// <param name="autoRegister">Register the schema under the subject if it is not there (Confluent's default); otherwise it must already be registered.</param>
    /// <param name="recordSubjects">Name subjects <c>{topic}-{record full name}</c> (TopicRecordNameStrategy) instead of <c>{topic}-value</c>.</param>
    public AvroWireSerializer(ISchemaRegistryClient registry, bool autoRegister = true, bool recordSubjects = false)
    {
        ArgumentNullException.ThrowIfNull(registry);
        _registry = registry;
        _autoRegister = autoRegister;
        _recordSubjects = recordSubjects;
        _writer = new SpecificDatumWriter<T>(_schema);
    }

    public byte[] Serialize(T data, SerializationContext context)
    {
        ArgumentNullException.ThrowIfNull(data);
        var subject = _recordSubjects
            ? $"{context.Topic}-{_schema.Fullname}"
            : $"{context.Topic}-{(context.Component == MessageComponentType.Key ? "key" : "value")}";
        var id = _ids.TryGetValue(subject, out var known) ? known : _ids.GetOrAdd(subject, Resolve(subject));

        var buffer = t_buffer ??= new MemoryStream(256);
        buffer.SetLength(WireFormat.HeaderSize);
        buffer.Position = WireFormat.HeaderSize;
        WireFormat.WriteHeader(buffer.GetBuffer(), id);
        _writer.Write(data, new BinaryEncoder(buffer));
        return buffer.ToArray();
    }

    // Once per subject and serializer; registry calls are async, records are not.
    private int Resolve(string subject)
    {
        var schema = new RegistrySchema(_schema.ToString(), SchemaType.Avro);
        return _autoRegister
            ? _registry.RegisterSchemaAsync(subject, schema, normalize: false).GetAwaiter().GetResult()
            : _registry.GetSchemaIdAsync(subject, schema, normalize: false).GetAwaiter().GetResult();
    }
}
