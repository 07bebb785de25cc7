using Avro.Specific;
using Confluent.Kafka;
using Confluent.SchemaRegistry;
using Streams.Platform.SchemaRegistry;
using Streams.Schemas.Serdes;

namespace Streams.Sinks.ClickHouse;

/// <summary>
/// <see cref="AvroWireDeserializer{T}"/> over one registry client: measured ~25x faster than
/// Confluent's AvroDeserializer, whose ~60k records/s would cap the sink far below ClickHouse.
/// </summary>
internal sealed class AvroWireDeserializerFactory(ISchemaRegistryEndpoint registry) : ISinkDeserializerFactory, IDisposable
{
    private readonly Lazy<CachedSchemaRegistryClient> client = new(() => new CachedSchemaRegistryClient(new SchemaRegistryConfig { Url = registry.Url.ToString() }));

    /// <summary>The registry client the deserializers share.</summary>
    public ISchemaRegistryClient Registry => client.Value;

    public IDeserializer<T> Create<T>()
        where T : class, ISpecificRecord, new() => new AvroWireDeserializer<T>(client.Value);

    public void Dispose()
    {
        if (client.IsValueCreated)
        {
            client.Value.Dispose();
        }
    }
}
