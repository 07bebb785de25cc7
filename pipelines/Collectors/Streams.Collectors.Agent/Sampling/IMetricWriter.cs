using io.streams.avro;

namespace Streams.Collectors.Agent.Sampling;

/// <summary>Where the sampler's passes go, one batch per pass. The batch instance is reused: copy what must outlive the call.</summary>
internal interface IMetricWriter
{
    void Write(MetricBatch batch);
}
