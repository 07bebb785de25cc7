namespace Streams.Scoring.Fleet;

/// <summary>
/// A cold-start window's verdict: the larger of the change and level ratios (each over its own
/// threshold, so 1 is the threshold), whether it is an anomaly, and what judged it.
/// </summary>
public readonly record struct ColdStartScore(double Score, bool IsAnomaly, ColdStartJudge Judge)
{
    public const double Threshold = 1.0;
}
