using Confluent.SchemaRegistry;
using io.streams.avro;
using Streamiz.Kafka.Net;
using Streams.Topology.Scoring;
using Streams.Topology.Serdes;

namespace Streams.Scorer;

/// <summary>What the scorer role runs: ScoreWindows, metrics.windows to anomalies (and its own models to models).</summary>
public static class ScorerTopology
{
    public static Streamiz.Kafka.Net.Stream.Topology Build(ISchemaRegistryClient registry, ScorerOptions options, ModelRegistry models, ScorerStatus status, FleetModels fleet, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(options);
        var builder = new StreamBuilder();
        ScoreWindows.Build(builder, new SchemaAvroSerDes<MetricWindow>(registry), new SchemaAvroSerDes<Anomaly>(registry), options.ScoreSettings(), models, status, fleet, time);
        return builder.Build();
    }
}
