using Confluent.SchemaRegistry;
using io.streams.avro;
using Streamiz.Kafka.Net;
using Streams.Topology.Logs.Templates;
using Streams.Topology.Logs.Window;
using Streams.Topology.Metrics.Normalize;
using Streams.Topology.Metrics.Window;
using Streams.Topology.Serdes;

namespace Streams.Processor;

/// <summary>
/// What the processor role runs: NormalizeMetrics then WindowMetrics, joined through
/// metrics.clean, and MineLogTemplates then WindowLogs, joined through logs.clean.
/// </summary>
public static class ProcessorTopology
{
    public static Streamiz.Kafka.Net.Stream.Topology Build(ISchemaRegistryClient registry, ProcessorOptions options, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(options);
        var batches = new MetricBatchSerDes(registry);
        var builder = new StreamBuilder();
        NormalizeMetrics.Build(builder, batches, new SchemaAvroSerDes<MetricSample>(registry), options.NormalizeSettings(), time);
        WindowMetrics.Build(builder, batches, new SchemaAvroSerDes<MetricWindow>(registry), options.WindowSettings(), time);
        var logs = new SchemaAvroSerDes<LogRecord>(registry);
        MineLogTemplates.Build(builder, logs, options.LogTemplateSettings());
        WindowLogs.Build(builder, logs, new SchemaAvroSerDes<LogWindow>(registry), options.LogWindowSettings(), time);
        return builder.Build();
    }
}
