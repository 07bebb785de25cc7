using System.Diagnostics.CodeAnalysis;
using Confluent.Kafka;
using io.streams.avro;
using Streamiz.Kafka.Net.Processors.Public;
using Streamiz.Kafka.Net.SerDes;
using Streamiz.Kafka.Net.State;
using Streams.Schemas.Metrics;
using Streams.Schemas.Topics;
using Streams.Topology.DeadLetters;

namespace Streams.Topology.Metrics.Normalize;

/// <summary>
/// Normalizes one host's batch against one store read and one store write. Reads raw bytes
/// rather than letting the source deserialize them, so that a malformed record becomes a dead
/// letter with its original bytes instead of stopping the stream thread; a refused point becomes
/// a dead letter of its own (the point as a MetricSample) while the rest of its batch goes on.
/// </summary>
[SuppressMessage("Performance", "CA1812", Justification = "Streamiz creates one per task with Activator.")]
internal sealed class NormalizeTransformer : ITransformer<string, byte[], string, NormalizeOutcome>
{
    private readonly SampleNormalizer? normalizer;
    private readonly ISerDes<MetricBatch>? batches;
    private readonly ISerDes<MetricSample>? samples;
    private readonly TimeProvider time = TimeProvider.System;
    private IKeyValueStore<string, HostSeriesState>? store;
    private ProcessorContext<string, NormalizeOutcome>? context;

    /// <summary>
    /// The prototype Streamiz' TransformerBuilder creates (its <c>new()</c> constraint); every task
    /// then gets its own instance from the constructor with parameters.
    /// </summary>
    public NormalizeTransformer()
    {
    }

    public NormalizeTransformer(NormalizeOptions options, ISerDes<MetricBatch> batches, ISerDes<MetricSample> samples, TimeProvider time)
    {
        normalizer = new SampleNormalizer(options);
        this.batches = batches;
        this.samples = samples;
        this.time = time;
    }

    public void Init(ProcessorContext<string, NormalizeOutcome> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        this.context = context;
        store = (IKeyValueStore<string, HostSeriesState>)context.GetStateStore(NormalizeMetrics.HostStoreName);
    }

    public Record<string, NormalizeOutcome>? Process(Record<string, byte[]> record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var source = record.TopicPartitionOffset;
        MetricBatch? raw;
        try
        {
            raw = record.Value is { Length: > 0 }
                ? Ready(batches).Deserialize(record.Value, new SerializationContext(MessageComponentType.Value, source.Topic, record.Headers))
                : null;
        }
        catch (InvalidDataException e)
        {
            return Reject(record, RejectReason.MalformedAvro, e.Message);
        }

        if (raw is null)
        {
            return Reject(record, RejectReason.MalformedAvro, "empty value (tombstone): a metric batch or sample was expected");
        }

        if (string.IsNullOrWhiteSpace(raw.host))
        {
            return Reject(record, RejectReason.MissingIdentity, $"host '{raw.host}' must be non-empty ({raw.points.Count} points refused with it)");
        }

        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var state = Store.Get(raw.host) ?? new HostSeriesState();
        var changed = false;
        var points = new List<MetricPoint>(raw.points.Count);
        var rejections = new List<Rejection>();
        foreach (var point in raw.points)
        {
            var sample = MetricBatches.ToSample(raw, point);
            var series = SeriesId.Of(sample.metric, sample.tags);
            var result = Ready(normalizer).Normalize(sample, state.Series.GetValueOrDefault(series), now);
            if (result.Reason is { } reason)
            {
                rejections.Add(new Rejection(NormalizeMetrics.StageName, reason, result.Detail ?? reason, Original(sample), source));
                continue;
            }

            if (result.State is { } next)
            {
                state.Series[series] = next;
                changed = true;
            }

            foreach (var clean in result.Clean)
            {
                points.Add(Point(raw, point, clean));
            }
        }

        var cleanBatch = points.Count == 0 ? null : new MetricBatch
        {
            host = raw.host,
            timestamp = raw.timestamp,
            source = raw.source,
            intervalMs = raw.intervalMs,
            tags = raw.tags,
            points = points,
            normalised = true,
        };

        // Output first, state second: both go out through the same producer in this order, so a
        // kill between them leaves the changelog behind the output (the replay writes the batch
        // again, which downstream deduplicates) and never ahead of it (the replay would be dropped
        // as already seen, and the batch lost).
        Ready(context).Forward(record.Key, new NormalizeOutcome(cleanBatch, rejections));
        if (changed)
        {
            Store.Put(raw.host, state);
        }

        return null;
    }

    public void Close()
    {
    }

    private IKeyValueStore<string, HostSeriesState> Store => Ready(store);

    // The point's own tags, not the merged ones: the clean batch keeps the host tags once.
    private static MetricPoint Point(MetricBatch raw, MetricPoint point, MetricSample clean) => new()
    {
        metric = clean.metric,
        value = clean.value,
        rawValue = clean.rawValue,
        unit = clean.unit,
        kind = clean.kind,
        tags = point.tags,
        timestamp = clean.timestamp == raw.timestamp ? null : clean.timestamp,
        gap = clean.gap,
        forwardFilled = clean.forwardFilled,
    };

    // A refused point alone, as the per-sample record normalize also accepts: re-publishing the
    // dead letter to metrics.raw re-submits that point, not its whole batch again.
    private byte[] Original(MetricSample sample) =>
        Ready(samples).Serialize(sample, new SerializationContext(MessageComponentType.Value, TopicCatalogue.MetricsRaw.Name));

    private static T Ready<T>(T? part)
        where T : class =>
        part ?? throw new InvalidOperationException("NormalizeTransformer: the prototype instance processed a record, or Init was not called.");

    private static Record<string, NormalizeOutcome> Reject(Record<string, byte[]> record, string reason, string detail) =>
        Record<string, NormalizeOutcome>.Create(
            record.Key,
            new NormalizeOutcome(null, [new Rejection(NormalizeMetrics.StageName, reason, detail, record.Value ?? [], record.TopicPartitionOffset)]));
}
