using Avro.Specific;
using Confluent.Kafka;

namespace Streams.Sinks.ClickHouse;

/// <summary>
/// Makes the value deserializer of each sink topic. Replace the registration to change how
/// Avro is read; a deserializer throws <see cref="InvalidDataException"/> for a record that can
/// never be read (it goes to deadletter) and anything else for a passing failure (retried).
/// A deserializer is called from several threads at once (batches decode in parallel): it must be thread-safe.
/// </summary>
public interface ISinkDeserializerFactory
{
    IDeserializer<T> Create<T>()
        where T : class, ISpecificRecord, new();
}
