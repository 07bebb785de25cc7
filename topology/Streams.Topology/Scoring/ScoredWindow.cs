namespace Streams.Topology.Scoring;

/// <summary>One window a host's detector scored, anomalous or not.</summary>
public readonly record struct ScoredWindow(string Host, long WindowStartMs, string ModelVersion, double Score, bool IsAnomaly);
