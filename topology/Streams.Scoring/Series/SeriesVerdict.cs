namespace Streams.Scoring.Series;

/// <summary>One point's verdict: the distance over the threshold (0 while learning) and whether an alarm is raised.</summary>
public readonly record struct SeriesVerdict(double Score, bool IsAnomaly, bool Learning);
