using Confluent.Kafka;
using Streams.Sinks.ClickHouse.DeadLetters;
using Streams.Sinks.ClickHouse.Rows;
using Streams.Topology.DeadLetters;

namespace Streams.Sinks.ClickHouse.Consuming;

/// <summary>
/// The generic way from a record to rows: the Avro deserializer (with schema resolution) makes
/// the generated record, the mapper its rows. A record that cannot be written becomes a dead
/// letter with the reason; a registry that is away is waited for. Thread-safe.
/// </summary>
internal sealed class RecordDecoder<T>(IDeserializer<T> deserializer, IRowMapper<T> mapper, Retry retry)
    where T : class
{
    public IRowMapper<T> Mapper { get; } = mapper;

    /// <summary>Appends the record's rows to <paramref name="rows"/>, or a dead letter to <paramref name="letters"/>.</summary>
    public async Task AddAsync(ConsumeResult<Ignore, byte[]?> result, List<object[]> rows, List<DeadLetter> letters, CancellationToken cancellationToken)
    {
        var value = result.Message.Value;
        if (value is null)
        {
            letters.Add(new DeadLetter(result.TopicPartitionOffset, null, SinkRejectReason.EmptyValue, "The record has no value."));
            return;
        }

        T record;
        try
        {
            var context = new SerializationContext(MessageComponentType.Value, result.Topic, result.Message.Headers);
            record = await retry.RunAsync(_ => Task.FromResult(deserializer.Deserialize(value, false, context)), "decode (Schema Registry)",
                cancellationToken, Retry.IsTransient);
        }
        catch (Exception ex) when (!Retry.IsTransient(ex) && ex is not OperationCanceledException)
        {
            // Whatever else a decoder throws on these bytes it will throw again: retrying would
            // stop the partition for good, so the record goes to deadletter.
            letters.Add(new DeadLetter(result.TopicPartitionOffset, value, RejectReason.MalformedAvro, $"{ex.GetType().Name}: {ex.Message}"));
            return;
        }

        var before = rows.Count;
        try
        {
            Mapper.AddRows(record, rows);
        }
        catch (InvalidDataException ex)
        {
            rows.RemoveRange(before, rows.Count - before);
            letters.Add(new DeadLetter(result.TopicPartitionOffset, value, SinkRejectReason.UnwritableValue, ex.Message));
        }
    }
}
