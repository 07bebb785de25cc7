using Streams.Scoring.HostDetection;

namespace Streams.Topology.Scoring;

/// <summary>A trained detector of one host and the name and version it was announced under.</summary>
public sealed record HostModel(string Name, string Version, HostDetector Detector);
