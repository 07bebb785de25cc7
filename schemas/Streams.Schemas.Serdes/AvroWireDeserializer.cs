using System.Collections.Concurrent;
using System.Net;
using Avro;
using Avro.IO;
using Avro.Specific;
using Confluent.Kafka;
using Confluent.SchemaRegistry;

namespace Streams.Schemas.Serdes;

/// <summary>
/// Reads Confluent-framed Avro into generated records. The writer's schema is fetched once per
/// schema id and resolved against <typeparamref name="T"/>'s, so records written with an older
/// or newer compatible schema read with defaults filled in. A payload that is not a readable
/// record throws <see cref="InvalidDataException"/> (a dead-letter case); a registry outage
/// throws the registry's own exception (a retry case). Thread-safe.
/// </summary>
public sealed class AvroWireDeserializer<T> : IDeserializer<T>
    where T : ISpecificRecord, new()
{
    private readonly ISchemaRegistryClient _registry;
    private readonly Avro.Schema _schema = new T().Schema;
    private readonly ConcurrentDictionary<int, CheckedDatumReader<T>> _readers = new();

    public AvroWireDeserializer(ISchemaRegistryClient registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        _registry = registry;
    }

    public T Deserialize(ReadOnlySpan<byte> data, bool isNull, SerializationContext context)
    {
        if (isNull)
        {
            return default!;
        }

        var id = WireFormat.ReadSchemaId(data, _schema.Name, context.Topic);
        var reader = _readers.TryGetValue(id, out var known) ? known : _readers.GetOrAdd(id, ReaderFor(id, context.Topic));
        try
        {
            return Read(reader, data[WireFormat.HeaderSize..]);
        }
        // IndexOutOfRangeException: Apache.Avro 1.12 indexes its union branch table with the branch number it read, unchecked.
        catch (Exception ex) when (ex is AvroException or EndOfStreamException or InvalidCastException or ArgumentOutOfRangeException or OverflowException or IndexOutOfRangeException)
        {
            throw new InvalidDataException(
                $"Cannot read {_schema.Name} from '{context.Topic}': the {data.Length}-byte body does not match schema id {id} ({ex.Message}; first bytes {WireFormat.Preview(data)}).", ex);
        }
    }

    private static unsafe T Read(CheckedDatumReader<T> reader, ReadOnlySpan<byte> body)
    {
        fixed (byte* start = body)
        {
            // An empty span pins to a null pointer, which UnmanagedMemoryStream refuses; an
            // empty stream lets Avro report the missing body as the end of stream it is.
            using Stream stream = body.IsEmpty ? new MemoryStream([], writable: false) : new UnmanagedMemoryStream(start, body.Length);
            return reader.Read(default!, new BoundedDecoder(stream));
        }
    }

    private CheckedDatumReader<T> ReaderFor(int id, string topic)
    {
        Confluent.SchemaRegistry.Schema registered;
        try
        {
            registered = _registry.GetSchemaAsync(id, format: null).GetAwaiter().GetResult();
        }
        catch (SchemaRegistryException ex) when (ex.Status == HttpStatusCode.NotFound)
        {
            throw new InvalidDataException($"Cannot read {_schema.Name} from '{topic}': schema id {id} is not in the registry ({ex.Message}).", ex);
        }

        if (registered.SchemaType != SchemaType.Avro)
        {
            throw new InvalidDataException($"Cannot read {_schema.Name} from '{topic}': schema id {id} is a {registered.SchemaType} schema, not Avro.");
        }

        var writer = Avro.Schema.Parse(registered.SchemaString);
        if (writer is not RecordSchema || writer.Fullname != _schema.Fullname)
        {
            throw new InvalidDataException($"Cannot read {_schema.Fullname} from '{topic}': schema id {id} describes {writer.Fullname}.");
        }

        return new CheckedDatumReader<T>(writer, _schema);
    }
}
