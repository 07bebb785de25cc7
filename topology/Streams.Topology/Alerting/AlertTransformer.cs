using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using Avro;
using Confluent.Kafka;
using io.streams.avro;
using Streamiz.Kafka.Net.Processors.Public;
using Streamiz.Kafka.Net.SerDes;
using Streamiz.Kafka.Net.State;
using Streams.Alerting.Evaluation;
using Streams.Alerting.Lifecycle;
using Streams.Topology.DeadLetters;
using Streams.Schemas.Serdes.Tracing;
using Streams.Topology.Tracing;

namespace Streams.Topology.Alerting;

/// <summary>
/// Runs every host's alerts through the lifecycle: each input (tagged with its kind) is judged
/// by the rules that cover its host, and a wall-clock punctuation advances the timers
/// (for-durations, no-data, resolve-after, acknowledgements, silences, escalation) of every host
/// in this task's store. Changes are forwarded; the store is written only when something changed.
/// </summary>
[SuppressMessage("Performance", "CA1812", Justification = "Streamiz creates one per task with Activator.")]
internal sealed class AlertTransformer : ITransformer<string, byte[], string, AlertOutcome>
{
    private readonly AlertSettings? settings;
    private readonly ISerDes<MetricWindow>? windows;
    private readonly ISerDes<Anomaly>? anomalies;
    private readonly ISerDes<LogWindow>? logWindows;
    private readonly ISerDes<Forecast>? forecasts;
    private IKeyValueStore<string, HostAlerts>? store;
    private ProcessorContext<string, AlertOutcome>? context;

    /// <summary>The prototype Streamiz' TransformerBuilder creates; each task gets an instance from the other constructor.</summary>
    public AlertTransformer()
    {
    }

    public AlertTransformer(AlertSettings settings, ISerDes<MetricWindow> windows, ISerDes<Anomaly> anomalies, ISerDes<LogWindow> logWindows, ISerDes<Forecast>? forecasts)
    {
        this.settings = settings;
        this.windows = windows;
        this.anomalies = anomalies;
        this.logWindows = logWindows;
        this.forecasts = forecasts;
    }

    private AlertLifecycle Lifecycle => (settings ?? throw new InvalidOperationException("created without settings")).Lifecycle;

    private long Now => settings!.Time.GetUtcNow().ToUnixTimeMilliseconds();

    public void Init(ProcessorContext<string, AlertOutcome> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        this.context = context;
        store = (IKeyValueStore<string, HostAlerts>)context.GetStateStore(EvaluateAlerts.StoreName);
        context.Schedule(Lifecycle.Options.TickInterval, PunctuationType.PROCESSING_TIME, _ => Tick());
    }

    public Record<string, AlertOutcome> Process(Record<string, byte[]> record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (!AlertInput.TryUnwrap(record.Value, out var kind, out var traceParent, out var payload))
        {
            return Reject(record, record.Value ?? [], RejectReason.MalformedAvro, "not an alerting input (kind, trace context and Avro record expected)");
        }

        var parent = traceParent is null ? null : Encoding.ASCII.GetString(traceParent);
        using var span = TraceHeaders.StartSpan(TopologyTracing.Source, EvaluateAlerts.StageName, ActivityKind.Consumer, key => key == TraceHeaders.TraceParent ? traceParent : null);
        var now = Now;
        var host = store!.Get(record.Key) ?? new HostAlerts();
        var rules = Lifecycle.Rules.Rules;
        IEnumerable<Observation> observations;
        try
        {
            var serialization = new SerializationContext(MessageComponentType.Value, record.TopicPartitionOffset.Topic, record.Headers);
            observations = kind switch
            {
                AlertInputKind.MetricWindow => RuleEvaluator.OnMetricWindow(windows!.Deserialize(payload, serialization), host, rules, now),
                AlertInputKind.Anomaly => RuleEvaluator.OnAnomaly(anomalies!.Deserialize(payload, serialization), host, rules),
                AlertInputKind.Forecast when forecasts is not null => RuleEvaluator.OnForecast(forecasts.Deserialize(payload, serialization), host, rules, now),
                _ => RuleEvaluator.OnLogWindow(logWindows!.Deserialize(payload, serialization), host, rules),
            };
        }
        catch (Exception e) when (e is InvalidDataException or AvroException)
        {
            return Reject(record, payload, RejectReason.MalformedAvro, $"{kind}: {e.Message}");
        }

        var changes = Lifecycle.Observe(host, observations, now);
        store.Put(record.Key, host);
        return Record<string, AlertOutcome>.Create(record.Key, changes.Count == 0 ? AlertOutcome.None : new AlertOutcome(changes, null, span?.Id ?? parent));
    }

    public void Close()
    {
    }

    private void Tick()
    {
        var now = Now;
        var updates = new List<(string Host, HostAlerts State, IReadOnlyList<Alert> Changes)>();
        foreach (var entry in store!.All())
        {
            var before = entry.Value.Alerts.Count;
            var changes = Lifecycle.Tick(entry.Key, entry.Value, now);
            if (changes.Count > 0 || entry.Value.Alerts.Count != before)
            {
                updates.Add((entry.Key, entry.Value, changes));
            }
        }

        foreach (var (host, state, changes) in updates)
        {
            store.Put(host, state);
            if (changes.Count > 0)
            {
                context!.Forward(host, new AlertOutcome(changes, null));
            }
        }
    }

    // The source is the repartition topic's record: the input was only tagged on its way there.
    private static Record<string, AlertOutcome> Reject(Record<string, byte[]> record, byte[] original, string reason, string detail) =>
        Record<string, AlertOutcome>.Create(
            record.Key,
            new AlertOutcome([], new Rejection(EvaluateAlerts.StageName, reason, detail, original, record.TopicPartitionOffset)));
}
