using io.streams.avro;
using Streams.Collectors.Publishing;

namespace Streams.Collectors.Agent.Sampling;

/// <summary>Sends each sample to <c>metrics.raw</c> through the spooling publisher, keyed by host.</summary>
internal sealed class PublisherMetricWriter(SpoolingPublisher<MetricSample> publisher) : IMetricWriter
{
    public void Write(MetricSample sample) => publisher.Publish(sample.host, sample);
}
