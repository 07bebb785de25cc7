using io.streams.avro;
using Streams.Topology.DeadLetters;

namespace Streams.Topology.Metrics.Normalize;

/// <summary>The output of the normalize transformer for one raw record: clean samples or a rejection.</summary>
internal sealed record NormalizeOutcome(IReadOnlyList<MetricSample> Clean, Rejection? Rejection);
