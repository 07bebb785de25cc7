using Confluent.Kafka;
using io.streams.avro;
using Streams.Schemas.Serdes;

namespace Streams.Sinks.ClickHouse.Tests.RowBinary;

/// <summary>Clean MetricBatch records as Confluent wire bytes, registered under the topic-record subject as the processor writes them.</summary>
internal static class MetricBatchWire
{
    /// <summary>
    /// A clean batch whose first point is <paramref name="sample"/> (its dc tag as the host's, the
    /// rest as the point's) and whose second is a forward fill of another series 10 s earlier.
    /// </summary>
    public static MetricBatch Batch(MetricSample sample) => new()
    {
        host = sample.host,
        timestamp = sample.timestamp,
        source = sample.source,
        intervalMs = sample.intervalMs,
        tags = sample.tags.Where(t => t.Key == "dc").ToDictionary(),
        normalised = sample.normalised,
        points =
        [
            new MetricPoint
            {
                metric = sample.metric, value = sample.value, rawValue = sample.rawValue, unit = sample.unit, kind = sample.kind,
                tags = sample.tags.Where(t => t.Key != "dc").ToDictionary(), gap = sample.gap, forwardFilled = sample.forwardFilled,
            },
            new MetricPoint { metric = "cpu.system", value = 0.25, unit = "ratio", kind = MetricKind.GAUGE, timestamp = sample.timestamp.AddSeconds(-10), forwardFilled = true },
        ],
    };

    public static byte[] Serialize(SinkPlatformFixture platform, MetricBatch batch) =>
        new AvroWireSerializer<MetricBatch>(platform.RegistryClient, recordSubjects: true).Serialize(batch, new SerializationContext(MessageComponentType.Value, MetricSampleWire.Topic));
}
