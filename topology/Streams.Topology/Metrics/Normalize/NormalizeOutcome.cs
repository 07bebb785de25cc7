using io.streams.avro;
using Streams.Topology.DeadLetters;

namespace Streams.Topology.Metrics.Normalize;

/// <summary>
/// The output of the normalize transformer for one raw record: the clean batch (null when no
/// point came through) and a rejection per refused point, or one for the whole record.
/// </summary>
internal sealed record NormalizeOutcome(MetricBatch? Clean, IReadOnlyList<Rejection> Rejections);
