using System.Collections.Concurrent;
using System.Diagnostics;
using Confluent.Kafka;
using Confluent.SchemaRegistry;
using io.streams.avro;
using Streams.Alerter;
using Streams.Schemas.Serdes;
using Streams.Schemas.Topics;
using Streams.Topology.Alerting;

namespace Streams.Alerting.Benchmarks;

/// <summary>
/// A consumer beside the roles' that splits the latency into hops: per host, when a non-INFO
/// anomaly appeared on the alerting role's repartition topic (the first hop: anomalies →
/// tag → repartition by host), when the first FIRING alert appeared on <c>alerts</c>, and the
/// alert's <c>updatedAt</c> (the alerting role's clock when it decided). The embedded broker
/// answers an empty fetch only after fetch.wait.max.ms, so this consumer asks with 5 ms: its own
/// error stays a few ms rather than the 500 ms default.
/// </summary>
internal sealed class AlertWatcher : IDisposable
{
    private readonly ConcurrentDictionary<string, (long Seen, DateTime UpdatedAt)> firing = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> repartitioned = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource stop = new();
    private readonly Thread thread;
    private readonly IConsumer<string, byte[]> consumer;
    private readonly AvroWireDeserializer<Alert> alerts;
    private readonly AvroWireDeserializer<Anomaly> anomalies;
    private readonly string repartitionTopic;
    private long records;

    /// <param name="bootstrapServers">The broker.</param>
    /// <param name="registry">For the Avro schemas.</param>
    /// <param name="applicationId">The alerting role's: Streamiz names the repartition topic &lt;application id&gt;-&lt;name&gt;-repartition.</param>
    public AlertWatcher(string bootstrapServers, ISchemaRegistryClient registry, string? applicationId)
    {
        repartitionTopic = $"{applicationId ?? AlerterOptions.DefaultApplicationId}-{EvaluateAlerts.RepartitionName}-repartition";
        alerts = new AvroWireDeserializer<Alert>(registry);
        anomalies = new AvroWireDeserializer<Anomaly>(registry);
        consumer = new ConsumerBuilder<string, byte[]>(new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = "alerting-bench-watcher-" + Guid.NewGuid().ToString("N"),
            AutoOffsetReset = AutoOffsetReset.Latest,
            EnableAutoCommit = false,
            FetchWaitMaxMs = 5,
        }).Build();
        consumer.Subscribe([TopicCatalogue.Alerts.Name, repartitionTopic]);
        thread = new Thread(Run) { IsBackground = true, Name = "alert-watcher" };
        thread.Start();
    }

    /// <summary>Alert records seen.</summary>
    public long Records => Interlocked.Read(ref records);

    /// <summary>Whether partitions are assigned (the group joined): only then does it see what is produced.</summary>
    public bool Assigned => consumer.Assignment.Count > 0;

    public bool TryGet(string host, out (long Seen, DateTime UpdatedAt) seen) => firing.TryGetValue(host, out seen);

    public bool TryGetRepartitioned(string host, out long seen) => repartitioned.TryGetValue(host, out seen);

    public void Dispose()
    {
        stop.Cancel();
        thread.Join();
        consumer.Close();
        consumer.Dispose();
        stop.Dispose();
    }

    private void Run()
    {
        while (!stop.IsCancellationRequested)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(50)) is not { Message.Value: { } value } result)
            {
                continue;
            }

            var seen = Stopwatch.GetTimestamp();
            if (result.Topic == repartitionTopic)
            {
                // The topology's own reader of its repartition layout, so this watcher cannot fall out of step with it.
                if (AlertInput.TryUnwrap(value, out var kind, out _, out var payload) && kind == AlertInputKind.Anomaly
                    && anomalies.Deserialize(payload, isNull: false, new SerializationContext(MessageComponentType.Value, TopicCatalogue.Anomalies.Name)) is { severity: not Severity.INFO } anomaly)
                {
                    repartitioned.TryAdd(anomaly.host, seen);
                }

                continue;
            }

            Interlocked.Increment(ref records);
            var alert = alerts.Deserialize(value, isNull: false, new SerializationContext(MessageComponentType.Value, result.Topic));
            if (alert.state == AlertState.FIRING && alert.labels.TryGetValue("host", out var host))
            {
                firing.TryAdd(host, (seen, alert.updatedAt));
            }
        }
    }
}
