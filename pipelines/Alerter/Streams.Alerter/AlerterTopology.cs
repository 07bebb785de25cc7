using Confluent.SchemaRegistry;
using io.streams.avro;
using Streamiz.Kafka.Net;
using Streams.Alerting.Lifecycle;
using Streams.Topology.Alerting;
using Streams.Topology.Serdes;

namespace Streams.Alerter;

/// <summary>What the alerting role runs: EvaluateAlerts, metrics.windows + anomalies + logs.windows + forecasts to alerts.</summary>
public static class AlerterTopology
{
    public static Streamiz.Kafka.Net.Stream.Topology Build(ISchemaRegistryClient registry, AlerterOptions options, AlertLifecycle lifecycle, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(options);
        var builder = new StreamBuilder();
        EvaluateAlerts.Build(
            builder,
            new SchemaAvroSerDes<MetricWindow>(registry),
            new SchemaAvroSerDes<Anomaly>(registry),
            new SchemaAvroSerDes<LogWindow>(registry),
            new SchemaAvroSerDes<Alert>(registry),
            lifecycle,
            options.Stores,
            time,
            new SchemaAvroSerDes<Forecast>(registry));
        return builder.Build();
    }
}
