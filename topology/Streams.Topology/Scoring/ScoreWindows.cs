using System.Text;
using io.streams.avro;
using Streamiz.Kafka.Net;
using Streamiz.Kafka.Net.Processors.Public;
using Streamiz.Kafka.Net.SerDes;
using Streams.Schemas.Topics;
using Streams.Topology.DeadLetters;
using Streams.Topology.Metrics;
using Streams.Topology.State;

namespace Streams.Topology.Scoring;

/// <summary>
/// <c>metrics.windows</c> → <c>anomalies</c>: scores every window of one size with its host's
/// current detector (announced on <c>models</c> and held in a <see cref="ModelRegistry"/>, or
/// trained and retrained by the scorer itself on a rolling span of the host's windows) and emits an Anomaly, with the metrics that
/// explain it, when the score stays over the threshold for the minimum duration; a host without a
/// model yet is judged by a short-span change detector and its group's fleet prior. What the
/// scorer trains or judges itself is published on <c>models</c> under <c>self/&lt;host&gt;</c>. Undecodable
/// windows go to <c>deadletter</c>.
/// </summary>
public static class ScoreWindows
{
    /// <summary>Per-host store: the retraining schedule's progress and the self-trained detector.</summary>
    public const string HostStoreName = "score-hosts";

    /// <summary>
    /// Each host's rolling training history, one entry per host and slot of the span (named for
    /// the warm-up buffer it was, so an upgraded scorer keeps its changelog).
    /// </summary>
    public const string WarmupStoreName = "score-warmup";

    /// <summary>The value of the dead-letter <c>stage</c> header for this topology's rejects.</summary>
    public const string StageName = "score-windows";

    /// <summary>Reject reason: the feature vector, its names and its presence mask differ in length.</summary>
    public const string MisalignedFeatures = "misaligned-features";

    /// <summary>Adds the scoring stage to <paramref name="builder"/>.</summary>
    /// <param name="builder">The stream builder of the scorer's topology.</param>
    /// <param name="windows">SerDes of MetricWindow; it must be ready without Streamiz' Initialize (built from a registry client).</param>
    /// <param name="anomalies">SerDes of Anomaly.</param>
    /// <param name="options">Window size, retraining policy and detector settings.</param>
    /// <param name="models">The announced models, read by every task.</param>
    /// <param name="status">Learning and scoring hosts, for gauges.</param>
    /// <param name="fleet">The scorers' self-trained models and fleet priors, shared with the reader of <c>models</c>.</param>
    /// <param name="time">Wall clock for <c>detectedAt</c> and model versions; <see cref="TimeProvider.System"/> when null.</param>
    public static void Build(
        StreamBuilder builder,
        ISerDes<MetricWindow> windows,
        ISerDes<Anomaly> anomalies,
        ScoreOptions options,
        ModelRegistry models,
        ScorerStatus status,
        FleetModels fleet,
        TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(windows);
        ArgumentNullException.ThrowIfNull(anomalies);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(models);
        ArgumentNullException.ThrowIfNull(status);
        ArgumentNullException.ThrowIfNull(fleet);
        options.Validate();

        var transformer = TransformerBuilder.New<string, byte[], string, ScoreOutcome>()
            .Transformer<ScoreTransformer>(new ScoreSettings(options, models, fleet, status, time ?? TimeProvider.System), windows)
            .StateStore(StateStoreFactory.KeyValue(HostStoreName, options.Stores, new LearningStateSerDes()))
            .Build();

        // TransformerBuilder takes one store; the second is added to the topology and named in Transform.
        builder.AddStateStore(StateStoreFactory.KeyValue(WarmupStoreName, options.Stores, new HistoryRowSerDes()));

        var outcomes = builder
            .Stream(TopicCatalogue.MetricsWindows.Name, new StringSerDes(), new ByteArraySerDes())
            .Transform(transformer, StageName, WarmupStoreName);

        DeadLetterStream.Route(outcomes, outcome => outcome.Rejection);

        // An anomaly's record time is its window's end, the event time at which it was complete.
        outcomes
            .Filter((_, outcome, _) => outcome.Anomaly is not null)
            .Map((_, outcome, _) => KeyValuePair.Create(outcome.Anomaly!.host, outcome.Anomaly))
            .To((_, _, _) => TopicCatalogue.Anomalies.Name, new StringSerDes(), anomalies, (_, a, _) => EpochMs.Of(a.window.end));

        // Self-trained models and cold-start judges go to the compacted models topic under
        // self/<host>, beside (never over) an announced host/<host>: other scorer instances adopt
        // them, pool them into fleet priors, and the API lists them.
        outcomes
            .Filter((_, outcome, _) => outcome.Publication is not null)
            .Map((_, outcome, _) => KeyValuePair.Create(outcome.Publication!.Name, Encoding.UTF8.GetBytes(outcome.Publication.ToJson())))
            .To(TopicCatalogue.Models.Name, new StringSerDes(), new ByteArraySerDes());
    }
}
