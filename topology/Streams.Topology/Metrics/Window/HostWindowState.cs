namespace Streams.Topology.Metrics.Window;

/// <summary>
/// What WindowMetrics remembers about one host: its feature layout, its own event-time clock and
/// how far its windows have been emitted.
/// </summary>
/// <param name="Layout">Every series the host ever reported, in order of first appearance: the feature-vector order.</param>
/// <param name="EventTime">The newest event time the host has sent, UTC milliseconds.</param>
/// <param name="ClosedUpTo">End of the newest window emitted for the host; older samples are too late.</param>
internal sealed record HostWindowState(IReadOnlyList<string> Layout, long EventTime, long ClosedUpTo);
