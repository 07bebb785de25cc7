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
/// <c>metrics.raw</c> → <c>metrics.clean</c>: validates every sample, normalises its unit, turns
/// counters into rates, marks gaps and keeps robust running statistics per series; rejects go to
/// <c>deadletter</c> with the reason in headers and the original bytes as the value.
/// </summary>
public static class NormalizeMetrics
{
    /// <summary>The per-series state store (also names its changelog topic, <c>{applicationId}-normalize-series-changelog</c>).</summary>
    public const string SeriesStoreName = "normalize-series";

    /// <summary>The value of the dead-letter <c>stage</c> header for this topology's rejects.</summary>
    public const string StageName = "normalize-metrics";

    /// <summary>Adds the normalize stage to <paramref name="builder"/>.</summary>
    /// <param name="builder">The stream builder of the processor's topology.</param>
    /// <param name="samples">SerDes of MetricSample for both topics; it must be ready without Streamiz' Initialize (built from a registry client).</param>
    /// <param name="options">Validation, gap and statistics settings.</param>
    /// <param name="time">Wall clock for the future/past checks; <see cref="TimeProvider.System"/> when null.</param>
    public static void Build(StreamBuilder builder, ISerDes<MetricSample> samples, NormalizeOptions options, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();

        var transformer = TransformerBuilder.New<string, byte[], string, NormalizeOutcome>()
            .Transformer<NormalizeTransformer>(options, samples, time ?? TimeProvider.System)
            .StateStore(StateStoreFactory.KeyValue(SeriesStoreName, options.Stores, new SeriesStateSerDes()))
            .Build();

        var outcomes = builder
            .Stream(TopicCatalogue.MetricsRaw.Name, new StringSerDes(), new ByteArraySerDes())
            .Transform(transformer, StageName);

        DeadLetterStream.Route(outcomes, outcome => outcome.Rejection);

        // The clean record carries the sample's event time, so windowing downstream and any
        // consumer of metrics.clean see the same time whatever the collector stamped on the raw one.
        outcomes
            .FlatMapValues((outcome, _) => outcome.Clean)
            .To((_, _, _) => TopicCatalogue.MetricsClean.Name, new StringSerDes(), samples, (_, sample, _) => EpochMs.Of(sample.timestamp));
    }
}
