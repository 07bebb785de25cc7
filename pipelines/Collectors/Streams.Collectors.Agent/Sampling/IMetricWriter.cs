using io.streams.avro;

namespace Streams.Collectors.Agent.Sampling;

/// <summary>Where the sampler's samples go. The sample instance is reused: copy what must outlive the call.</summary>
internal interface IMetricWriter
{
    void Write(MetricSample sample);
}
