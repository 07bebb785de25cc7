namespace Streams.Scoring.Series;

/// <summary>
/// Per-series k-means detector settings. The defaults are Netdata's (ml.conf: diff_n 1,
/// smooth_n 3, lag_n 5, 2 clusters): each point becomes the last six values of the
/// 3-point moving average of its first difference.
/// </summary>
public sealed record SeriesDetectorOptions
{
    public int DiffN { get; init; } = 1;

    public int SmoothN { get; init; } = 3;

    public int LagN { get; init; } = 5;

    public int Clusters { get; init; } = 2;

    public int Iterations { get; init; } = 30;

    public int Seed { get; init; } = 42;

    /// <summary>POT risk: the chance a normal point's distance exceeds the calibrated threshold.</summary>
    public double Risk { get; init; } = 1e-4;

    /// <summary>Raw values needed before the first feature vector exists.</summary>
    public int History => DiffN + SmoothN + LagN;

    public int Dimension => LagN + 1;

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(DiffN, 0);
        ArgumentOutOfRangeException.ThrowIfLessThan(SmoothN, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(LagN, 0);
        ArgumentOutOfRangeException.ThrowIfLessThan(Clusters, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(Risk, 0.0);
    }
}
