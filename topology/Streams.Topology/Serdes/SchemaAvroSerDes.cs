using System.Globalization;
using Avro;
using Avro.Specific;
using Confluent.Kafka;
using Confluent.Kafka.SyncOverAsync;
using Confluent.SchemaRegistry;
using Confluent.SchemaRegistry.Serdes;
using Streamiz.Kafka.Net;
using Streamiz.Kafka.Net.Errors;
using Streamiz.Kafka.Net.SerDes;

namespace Streams.Topology.Serdes;

/// <summary>
/// Streamiz SerDes for the generated Avro records (<see cref="ISpecificRecord"/>) in the
/// Confluent wire format (magic byte 0, 4-byte big-endian schema id, Avro binary), backed by
/// Confluent's <see cref="AvroSerializer{T}"/> and <see cref="AvroDeserializer{T}"/>. It
/// replaces <c>Streamiz.Kafka.Net.SchemaRegistry.SerDes.Avro</c>, which is not served here,
/// and is configured the same way: from the stream config's <c>schema.registry.url</c>
/// (<see cref="ISchemaRegistryConfig"/>), unless a registry client is passed in.
/// </summary>
/// <typeparam name="T">A generated record type, e.g. <c>io.streams.avro.MetricSample</c>.</typeparam>
public sealed class SchemaAvroSerDes<T> : AbstractSerDes<T>
    where T : class, ISpecificRecord
{
    private IAsyncSerializer<T>? serializer;
    private IAsyncDeserializer<T>? deserializer;

    /// <summary>
    /// A SerDes that builds its registry client from the stream config in
    /// <see cref="Initialize"/>; this is the constructor Streamiz calls for
    /// <c>Consumed.With&lt;StringSerDes, SchemaAvroSerDes&lt;T&gt;&gt;()</c>.
    /// </summary>
    public SchemaAvroSerDes()
    {
    }

    /// <summary>
    /// A SerDes over a given registry client (one shared by the host, or a test double); it is
    /// ready at once and ignores the stream config's registry settings.
    /// </summary>
    /// <param name="registryClient">The Schema Registry client; the caller owns and disposes it.</param>
    /// <param name="serializerConfig">Serializer settings (auto-registration, subject strategy); Confluent's defaults when null.</param>
    public SchemaAvroSerDes(ISchemaRegistryClient registryClient, AvroSerializerConfig? serializerConfig = null)
    {
        ArgumentNullException.ThrowIfNull(registryClient);
        Use(registryClient, serializerConfig);
    }

    /// <inheritdoc />
    /// <exception cref="StreamConfigException">The stream config has no <c>schema.registry.url</c>.</exception>
    public override void Initialize(SerDesContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!isInitialized)
        {
            var schemaConfig = context.Config as ISchemaRegistryConfig;
            Use(CreateClient(schemaConfig), SerializerConfig(schemaConfig));
        }
    }

    /// <inheritdoc />
    public override byte[] Serialize(T data, SerializationContext context) =>
        Initialized(serializer).AsSyncOverAsync().Serialize(data, context);

    /// <inheritdoc />
    /// <exception cref="InvalidDataException">
    /// The bytes are not a <typeparamref name="T"/> in the Confluent Avro wire format; the message
    /// names the topic, the size and the first bytes. Registry outages are not wrapped: they are
    /// not the record's fault and must not send good records to the dead-letter topic.
    /// </exception>
    public override T Deserialize(byte[] data, SerializationContext context)
    {
        var reader = Initialized(deserializer).AsSyncOverAsync();
        try
        {
            return reader.Deserialize(data, data is null, context);
        }
        catch (Exception e) when (IsMalformedPayload(e))
        {
            throw new InvalidDataException(Describe(data!, context, e), e);
        }
    }

    private static bool IsMalformedPayload(Exception e) => e switch
    {
        // Confluent's framing checks (too short, magic byte not 0).
        InvalidDataException => true,

        // The Avro body does not decode against the writer schema, or the schema id resolves to
        // a schema that is not this record.
        AvroException or EndOfStreamException or InvalidCastException or ArgumentOutOfRangeException => true,

        // 404: the schema id in the header was never registered, so the framing is garbage.
        SchemaRegistryException { Status: System.Net.HttpStatusCode.NotFound } => true,
        _ => false,
    };

    private static string Describe(byte[] data, SerializationContext context, Exception e)
    {
        var head = Convert.ToHexString(data, 0, Math.Min(data.Length, 8));
        return string.Create(
            CultureInfo.InvariantCulture,
            $"Cannot read {typeof(T).FullName} from topic '{context.Topic}' ({context.Component}): {data.Length} bytes starting 0x{head} are not Confluent Avro wire format (magic byte 0, 4-byte schema id, Avro body) for this record. {e.GetType().Name}: {e.Message}");
    }

    private void Use(ISchemaRegistryClient client, AvroSerializerConfig? serializerConfig)
    {
        // Confluent 2.16 defaults both sides to SubjectNameStrategy.Associated, which first asks
        // the registry for GET /associations/resources/-/{topic}; a registry without that
        // endpoint (Confluent releases before associations, a minimal REST subset) answers 404
        // and every record fails. The catalogue's subjects are "{topic}-value": the Topic strategy.
        var writerConfig = new AvroSerializerConfig(serializerConfig ?? []);
        writerConfig.SubjectNameStrategy ??= Confluent.SchemaRegistry.SubjectNameStrategy.Topic;
        var readerConfig = new AvroDeserializerConfig { SubjectNameStrategy = writerConfig.SubjectNameStrategy };
        serializer = new AvroSerializer<T>(client, writerConfig);
        deserializer = new AvroDeserializer<T>(client, readerConfig);
        isInitialized = true;
    }

    private static TSerde Initialized<TSerde>(TSerde? serde)
        where TSerde : class =>
        serde ?? throw new StreamsException(
            $"SchemaAvroSerDes<{typeof(T).Name}> is not initialized: Streamiz calls Initialize with the stream config before use.");

    private static CachedSchemaRegistryClient CreateClient(ISchemaRegistryConfig? config)
    {
        if (string.IsNullOrWhiteSpace(config?.SchemaRegistryUrl))
        {
            throw new StreamConfigException(
                $"SchemaAvroSerDes<{typeof(T).Name}> needs the Schema Registry URL: set StreamConfig.SchemaRegistryUrl (schema.registry.url).");
        }

        var registryConfig = new SchemaRegistryConfig
        {
            Url = config.SchemaRegistryUrl,
            RequestTimeoutMs = config.SchemaRegistryRequestTimeoutMs,
            MaxCachedSchemas = config.SchemaRegistryMaxCachedSchemas,
            BasicAuthUserInfo = config.BasicAuthUserInfo,
        };
        return new CachedSchemaRegistryClient(registryConfig);
    }

    private static AvroSerializerConfig SerializerConfig(ISchemaRegistryConfig? config) => new()
    {
        AutoRegisterSchemas = config?.AutoRegisterSchemas,
        UseLatestVersion = config?.UseLatestVersion,
        SubjectNameStrategy = config?.SubjectNameStrategy is { } strategy ? (Confluent.SchemaRegistry.SubjectNameStrategy)strategy : null,
        BufferBytes = config?.BufferBytes,
    };
}
