namespace Streams.Scoring.Host;

/// <summary>
/// The verdict on one window of one host. <see cref="Score"/> is the larger of the PCA error
/// over its POT threshold and the <c>Consensus</c>-th largest series distance over its own;
/// <see cref="Threshold"/> is the host's calibrated ensemble threshold for that score, and
/// <see cref="IsAnomaly"/> applies the minimum-duration rule on top.
/// </summary>
public readonly record struct HostScore(
    double Score,
    double Threshold,
    bool IsAnomaly,
    double PcaError,
    double PcaThreshold,
    int SeriesOver);
