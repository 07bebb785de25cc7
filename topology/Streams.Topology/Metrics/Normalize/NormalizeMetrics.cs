using io.streams.avro;
using Streamiz.Kafka.Net;
using Streamiz.Kafka.Net.Processors.Public;
using Streamiz.Kafka.Net.SerDes;
using Streamiz.Kafka.Net.Stream;
using Streams.Schemas.Topics;
using Streams.Topology.DeadLetters;
using Streams.Topology.State;

namespace Streams.Topology.Metrics.Normalize;

/// <summary>
/// <c>metrics.raw</c> → <c>metrics.clean</c>: validates every point of a host's batch, normalises
/// its unit, turns counters into rates, marks gaps and keeps robust running statistics per series,
/// and writes one clean batch per raw one. Per-sample <c>MetricSample</c> records (third-party
/// producers) are read as one-point batches. Rejects go to <c>deadletter</c> with the reason in
/// headers: a refused point alone (as a MetricSample), an unreadable record with its original bytes.
/// </summary>
public static class NormalizeMetrics
{
    /// <summary>
    /// The per-host state store, one entry holding every series of a host (also names its changelog
    /// topic, <c>{applicationId}-normalize-hosts-changelog</c>). It replaced the per-series
    /// <c>normalize-series</c> store, whose changelog this build does not read.
    /// </summary>
    public const string HostStoreName = "normalize-hosts";

    /// <summary>The value of the dead-letter <c>stage</c> header for this topology's rejects.</summary>
    public const string StageName = "normalize-metrics";

    /// <summary>Adds the normalize stage to <paramref name="builder"/>.</summary>
    /// <param name="builder">The stream builder of the processor's topology.</param>
    /// <param name="batches">SerDes of MetricBatch for both topics, reading MetricSample too (<see cref="Serdes.MetricBatchSerDes"/>); it must be ready without Streamiz' Initialize.</param>
    /// <param name="samples">SerDes of MetricSample, for the dead letter of a refused point.</param>
    /// <param name="options">Validation, gap and statistics settings.</param>
    /// <param name="time">Wall clock for the future/past checks; <see cref="TimeProvider.System"/> when null.</param>
    public static void Build(StreamBuilder builder, ISerDes<MetricBatch> batches, ISerDes<MetricSample> samples, NormalizeOptions options, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(batches);
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();

        var transformer = TransformerBuilder.New<string, byte[], string, NormalizeOutcome>()
            .Transformer<NormalizeTransformer>(options, batches, samples, time ?? TimeProvider.System)
            .StateStore(StateStoreFactory.KeyValue(HostStoreName, options.Stores, new HostSeriesStateSerDes()))
            .Build();

        var outcomes = builder
            .Stream(TopicCatalogue.MetricsRaw.Name, new StringSerDes(), new ByteArraySerDes())
            .Transform(transformer, StageName);

        DeadLetterStream.Route(outcomes.FlatMapValues((outcome, _) => outcome.Rejections), rejection => rejection);

        // The clean record carries the batch's event time, so windowing downstream and any
        // consumer of metrics.clean see the same time whatever the collector stamped on the raw one.
        outcomes
            .Filter((_, outcome, _) => outcome.Clean is not null)
            .MapValues((outcome, _) => outcome.Clean!)
            .To((_, _, _) => TopicCatalogue.MetricsClean.Name, new StringSerDes(), batches, (_, batch, _) => EpochMs.Of(batch.timestamp));
    }
}
