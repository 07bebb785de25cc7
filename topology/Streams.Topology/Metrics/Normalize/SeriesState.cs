namespace Streams.Topology.Metrics.Normalize;

/// <summary>
/// What NormalizeMetrics remembers about one series between samples, kept in a state store
/// keyed by host and series id.
/// </summary>
/// <param name="LastTimestamp">Event time of the newest sample seen, UTC milliseconds.</param>
/// <param name="LastValue">Its normalised value, repeated by a forward fill.</param>
/// <param name="LastRaw">Its raw value: the previous reading of a counter.</param>
/// <param name="IntervalMs">The collection interval, promised by the source or learned from the spacing of samples; 0 until known.</param>
/// <param name="HundredScale">True once an unlabelled utilisation exceeded 1: the source reports 0..100.</param>
/// <param name="Stats">Outlier-robust running statistics of the normalised value.</param>
internal sealed record SeriesState(long LastTimestamp, double LastValue, double LastRaw, double IntervalMs, bool HundredScale, RobustStats Stats);
