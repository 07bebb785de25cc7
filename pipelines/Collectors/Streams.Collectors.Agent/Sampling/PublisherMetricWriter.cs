using io.streams.avro;
using Streams.Collectors.Publishing;

namespace Streams.Collectors.Agent.Sampling;

/// <summary>Sends each pass to <c>metrics.raw</c> through the spooling publisher, keyed by host: one spooled, acknowledged record per pass.</summary>
internal sealed class PublisherMetricWriter(SpoolingPublisher<MetricBatch> publisher) : IMetricWriter
{
    public void Write(MetricBatch batch) => publisher.Publish(batch.host, batch);
}
