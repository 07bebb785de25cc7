using io.streams.avro;

namespace Streams.Topology.Metrics.Normalize;

/// <summary>
/// What one raw sample turns into: clean samples (fills or a gap marker, then the sample itself),
/// or a reject reason; and the series state to store, null when it did not change.
/// </summary>
internal sealed record NormalizeResult(IReadOnlyList<MetricSample> Clean, SeriesState? State, string? Reason = null, string? Detail = null)
{
    public static NormalizeResult Reject(string reason, string detail) => new([], null, reason, detail);
}
