namespace Streams.Scoring.HostDetection;

/// <summary>One metric's part in a host's anomaly: its share of the PCA reconstruction error and its own series score over threshold.</summary>
public readonly record struct MetricContribution(int Index, string Name, double Share, double SeriesRatio);
