using System.Collections.Concurrent;
using System.Net;
using Confluent.Kafka;
using Confluent.SchemaRegistry;
using io.streams.avro;
using Streamiz.Kafka.Net.SerDes;
using Streams.Schemas.Metrics;
using Streams.Schemas.Serdes;

namespace Streams.Topology.Serdes;

/// <summary>
/// The metric topics' SerDes. It writes <see cref="MetricBatch"/> under the topic-record subject
/// (<c>metrics.raw-io.streams.avro.MetricBatch</c>), so the batch lives beside the
/// <c>metrics.raw-value</c> subject that third-party producers' per-sample records keep using
/// (the registry would refuse MetricBatch as a new version of MetricSample). It reads either
/// record, chosen by the writer schema the payload's schema id names; a <see cref="MetricSample"/>
/// comes out as a one-point batch. Any other record, or bytes that are not Avro, throw
/// <see cref="InvalidDataException"/> (a dead-letter case).
/// </summary>
public sealed class MetricBatchSerDes : AbstractSerDes<MetricBatch>, IDeserializer<MetricBatch>
{
    private static readonly string BatchName = new MetricBatch().Schema.Fullname;
    private static readonly string SampleName = new MetricSample().Schema.Fullname;

    private readonly ISchemaRegistryClient registry;
    private readonly AvroWireSerializer<MetricBatch> serializer;
    private readonly AvroWireDeserializer<MetricBatch> batches;
    private readonly AvroWireDeserializer<MetricSample> samples;
    private readonly ConcurrentDictionary<int, string> writerNames = new();

    /// <param name="registryClient">The Schema Registry client; the caller owns and disposes it.</param>
    /// <param name="autoRegisterSchemas">Register MetricBatch under its subject when it is not there.</param>
    public MetricBatchSerDes(ISchemaRegistryClient registryClient, bool autoRegisterSchemas = true)
    {
        ArgumentNullException.ThrowIfNull(registryClient);
        registry = registryClient;
        serializer = new AvroWireSerializer<MetricBatch>(registryClient, autoRegisterSchemas, recordSubjects: true);
        batches = new AvroWireDeserializer<MetricBatch>(registryClient);
        samples = new AvroWireDeserializer<MetricSample>(registryClient);
        isInitialized = true;
    }

    /// <inheritdoc />
    public override void Initialize(SerDesContext context)
    {
    }

    /// <inheritdoc />
    public override byte[] Serialize(MetricBatch data, SerializationContext context) => serializer.Serialize(data, context);

    /// <inheritdoc />
    /// <exception cref="InvalidDataException">Not a MetricBatch or MetricSample in Confluent's Avro wire format.</exception>
    public override MetricBatch Deserialize(byte[] data, SerializationContext context)
    {
        if (data is null)
        {
            return null!;
        }

        var id = ReadSchemaId(data, context.Topic);
        var writer = writerNames.TryGetValue(id, out var known) ? known : writerNames.GetOrAdd(id, WriterName(id, context.Topic));
        if (writer == BatchName)
        {
            return batches.Deserialize(data, isNull: false, context);
        }

        if (writer == SampleName)
        {
            return MetricBatches.FromSample(samples.Deserialize(data, isNull: false, context));
        }

        throw new InvalidDataException($"Cannot read a metric from '{context.Topic}': schema id {id} describes {writer}; the topic takes {BatchName} or {SampleName}.");
    }

    /// <inheritdoc />
    MetricBatch IDeserializer<MetricBatch>.Deserialize(ReadOnlySpan<byte> data, bool isNull, SerializationContext context) =>
        isNull ? null! : Deserialize(data.ToArray(), context);

    private static int ReadSchemaId(byte[] data, string topic)
    {
        if (data.Length < 5 || data[0] != 0)
        {
            throw new InvalidDataException(
                $"Cannot read a metric from '{topic}': {data.Length} bytes starting 0x{Convert.ToHexString(data, 0, Math.Min(data.Length, 8))} are not in the Confluent Avro wire format (magic byte 0, 4-byte schema id, Avro body).");
        }

        return System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(data.AsSpan(1, 4));
    }

    private string WriterName(int id, string topic)
    {
        try
        {
            var registered = registry.GetSchemaAsync(id, format: null).GetAwaiter().GetResult();
            return registered.SchemaType == SchemaType.Avro
                ? Avro.Schema.Parse(registered.SchemaString).Fullname
                : throw new InvalidDataException($"Cannot read a metric from '{topic}': schema id {id} is a {registered.SchemaType} schema, not Avro.");
        }
        catch (SchemaRegistryException ex) when (ex.Status == HttpStatusCode.NotFound)
        {
            throw new InvalidDataException($"Cannot read a metric from '{topic}': schema id {id} is not in the registry ({ex.Message}).", ex);
        }
        catch (Avro.SchemaParseException ex)
        {
            throw new InvalidDataException($"Cannot read a metric from '{topic}': schema id {id} is not a parseable Avro schema ({ex.Message}).", ex);
        }
    }
}
