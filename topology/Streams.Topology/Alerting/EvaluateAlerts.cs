using System.Text;
using Confluent.Kafka;
using io.streams.avro;
using Streamiz.Kafka.Net;
using Streamiz.Kafka.Net.Processors.Public;
using Streamiz.Kafka.Net.SerDes;
using Streamiz.Kafka.Net.Stream;
using Streams.Alerting.Lifecycle;
using Streams.Schemas.Serdes.Tracing;
using Streams.Schemas.Topics;
using Streams.Topology.DeadLetters;
using Streams.Topology.Metrics;
using Streams.Topology.State;

namespace Streams.Topology.Alerting;

/// <summary>
/// <c>metrics.windows</c> + <c>anomalies</c> + <c>logs.windows</c> (+ <c>forecasts</c>) → <c>alerts</c>:
/// the alert lifecycle. The inputs are keyed by host but have different partition counts, so they
/// are tagged with their kind and repartitioned together by host: every alert of a host then
/// lives in one task and one state-store entry, which is what lets a firing host-down alert mute
/// that host's other alerts. Alert changes are keyed by fingerprint; undecodable inputs go to
/// <c>deadletter</c>.
/// </summary>
public static class EvaluateAlerts
{
    /// <summary>Per-host alert state (RocksDB with a changelog, so alerts survive restarts).</summary>
    public const string StoreName = "alert-hosts";

    /// <summary>Name of the repartition topic's node; Streamiz prefixes it with the application id.</summary>
    public const string RepartitionName = "alert-inputs";

    /// <summary>The value of the dead-letter <c>stage</c> header for this topology's rejects.</summary>
    public const string StageName = "evaluate-alerts";

    /// <summary>Adds the alerting stage to <paramref name="builder"/>.</summary>
    /// <param name="builder">The stream builder.</param>
    /// <param name="windows">SerDes of MetricWindow, ready without Streamiz' Initialize (built from a registry client).</param>
    /// <param name="anomalies">SerDes of Anomaly.</param>
    /// <param name="logWindows">SerDes of LogWindow.</param>
    /// <param name="alerts">SerDes of Alert.</param>
    /// <param name="lifecycle">The lifecycle over the role's rules, silences and acknowledgements.</param>
    /// <param name="stores">RocksDB or in memory.</param>
    /// <param name="time">Wall clock; <see cref="TimeProvider.System"/> when null.</param>
    /// <param name="forecasts">SerDes of Forecast, for forecast rules; null: <c>forecasts</c> is not read.</param>
    public static void Build(
        StreamBuilder builder,
        ISerDes<MetricWindow> windows,
        ISerDes<Anomaly> anomalies,
        ISerDes<LogWindow> logWindows,
        ISerDes<Alert> alerts,
        AlertLifecycle lifecycle,
        StateStoreKind stores,
        TimeProvider? time = null,
        ISerDes<Forecast>? forecasts = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(lifecycle);
        lifecycle.Options.Validate();

        var tagged = Tagged(builder, TopicCatalogue.MetricsWindows.Name, AlertInputKind.MetricWindow)
            .Merge(Tagged(builder, TopicCatalogue.Anomalies.Name, AlertInputKind.Anomaly))
            .Merge(Tagged(builder, TopicCatalogue.LogsWindows.Name, AlertInputKind.LogWindow));
        if (forecasts is not null)
        {
            tagged = tagged.Merge(Tagged(builder, TopicCatalogue.Forecasts.Name, AlertInputKind.Forecast));
        }

        var inputs = tagged
            // As many partitions as the widest input (12), Kafka Streams' rule: the stage's parallelism.
            .Repartition(Repartitioned<string, byte[]>.Create<StringSerDes, ByteArraySerDes>().WithName(RepartitionName));

        var transformer = TransformerBuilder.New<string, byte[], string, AlertOutcome>()
            .Transformer<AlertTransformer>(new AlertSettings(lifecycle, time ?? TimeProvider.System), windows, anomalies, logWindows, forecasts!)
            .StateStore(StateStoreFactory.KeyValue(StoreName, stores, new HostAlertsSerDes()))
            .Build();
        var outcomes = inputs.Transform(transformer, StageName);

        DeadLetterStream.Route(outcomes, outcome => outcome.Rejection);

        // Headers are set here, on the records the sink writes: Streamiz does not carry the
        // transformer's input headers to a FlatMap's outputs.
        outcomes
            .FlatMap((_, outcome, _) => outcome.Alerts.Select(a => KeyValuePair.Create(a.fingerprint, (Alert: a, outcome.TraceParent))))
            .Map((fingerprint, traced, context) =>
            {
                context.SetHeaders(traced.TraceParent is { } parent ? [new Header(TraceHeaders.TraceParent, Encoding.ASCII.GetBytes(parent))] : []);
                return KeyValuePair.Create(fingerprint, traced.Alert);
            })
            .To((_, _, _) => TopicCatalogue.Alerts.Name, new StringSerDes(), alerts, (_, a, _) => EpochMs.Of(a.updatedAt));
    }

    private static IKStream<string, byte[]> Tagged(StreamBuilder builder, string topic, AlertInputKind kind) =>
        builder
            .Stream(topic, new StringSerDes(), new ByteArraySerDes())
            .MapValues<byte[]>((_, value, context) => AlertInput.Wrap(
                kind,
                context.Headers is { } headers && headers.TryGetLastBytes(TraceHeaders.TraceParent, out var parent) ? parent : null,
                value));
}
