using System.Diagnostics.CodeAnalysis;
using Confluent.Kafka;
using io.streams.avro;
using Streamiz.Kafka.Net.Processors.Public;
using Streamiz.Kafka.Net.SerDes;
using Streamiz.Kafka.Net.State;
using Streams.Topology.DeadLetters;

namespace Streams.Topology.Metrics.Normalize;

/// <summary>
/// Reads raw bytes rather than letting the source deserialize them, so that a malformed record
/// becomes a dead letter with its original bytes instead of stopping the stream thread.
/// </summary>
[SuppressMessage("Performance", "CA1812", Justification = "Streamiz creates one per task with Activator.")]
internal sealed class NormalizeTransformer : ITransformer<string, byte[], string, NormalizeOutcome>
{
    private readonly SampleNormalizer? normalizer;
    private readonly ISerDes<MetricSample>? samples;
    private readonly TimeProvider time = TimeProvider.System;
    private IKeyValueStore<string, SeriesState>? store;

    /// <summary>
    /// The prototype Streamiz' TransformerBuilder creates (its <c>new()</c> constraint); every task
    /// then gets its own instance from the constructor with parameters.
    /// </summary>
    public NormalizeTransformer()
    {
    }

    public NormalizeTransformer(NormalizeOptions options, ISerDes<MetricSample> samples, TimeProvider time)
    {
        normalizer = new SampleNormalizer(options);
        this.samples = samples;
        this.time = time;
    }

    public void Init(ProcessorContext<string, NormalizeOutcome> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        store = (IKeyValueStore<string, SeriesState>)context.GetStateStore(NormalizeMetrics.SeriesStoreName);
    }

    public Record<string, NormalizeOutcome> Process(Record<string, byte[]> record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var source = record.TopicPartitionOffset;
        MetricSample? sample;
        try
        {
            sample = record.Value is { Length: > 0 }
                ? Ready(samples).Deserialize(record.Value, new SerializationContext(MessageComponentType.Value, source.Topic, record.Headers))
                : null;
        }
        catch (InvalidDataException e)
        {
            return Reject(record, RejectReason.MalformedAvro, e.Message);
        }

        if (sample is null)
        {
            return Reject(record, RejectReason.MalformedAvro, "empty value (tombstone): a metric sample was expected");
        }

        var key = StoreKey(sample);
        var result = Ready(normalizer).Normalize(sample, Store.Get(key), time.GetUtcNow().ToUnixTimeMilliseconds());
        if (result.Reason is { } reason)
        {
            return Reject(record, reason, result.Detail ?? reason);
        }

        if (result.State is { } state)
        {
            Store.Put(key, state);
        }

        return Record<string, NormalizeOutcome>.Create(record.Key, new NormalizeOutcome(result.Clean, null));
    }

    public void Close()
    {
    }

    /// <summary>Host first, so that one host's series sit together in RocksDB.</summary>
    internal static string StoreKey(MetricSample sample) => sample.host + "|" + SeriesId.Of(sample.metric, sample.tags);

    private IKeyValueStore<string, SeriesState> Store => Ready(store);

    private static T Ready<T>(T? part)
        where T : class =>
        part ?? throw new InvalidOperationException("NormalizeTransformer: the prototype instance processed a record, or Init was not called.");

    private static Record<string, NormalizeOutcome> Reject(Record<string, byte[]> record, string reason, string detail) =>
        Record<string, NormalizeOutcome>.Create(
            record.Key,
            new NormalizeOutcome([], new Rejection(NormalizeMetrics.StageName, reason, detail, record.Value ?? [], record.TopicPartitionOffset)));
}
