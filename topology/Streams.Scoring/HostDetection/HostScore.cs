namespace Streams.Scoring.HostDetection;

/// <summary>
/// The verdict on one window of one host. The level score is the larger of the PCA error over
/// its POT threshold and the <c>Consensus</c>-th largest series distance over its own;
/// <see cref="ChangeRatio"/> is the change detectors' median over its threshold (0 without a
/// change model). <see cref="Score"/> is the larger of the level score and the change ratio in
/// the level's units (times <see cref="Threshold"/>), so it is over <see cref="Threshold"/>
/// exactly when either detector is. <see cref="IsAnomaly"/> holds each to its own
/// minimum-duration rule: the level's, and the change's (1 window by default).
/// </summary>
public readonly record struct HostScore(
    double Score,
    double Threshold,
    bool IsAnomaly,
    double PcaError,
    double PcaThreshold,
    int SeriesOver,
    double ChangeRatio);
