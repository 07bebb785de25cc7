namespace Streams.Topology.Metrics.Window;

/// <summary>One window size's settings, as the transformer of that size needs them.</summary>
internal sealed record MetricWindowSettings(long SizeMs, long GraceMs, long SilentHostMs, string WindowStore, string HostStore);
