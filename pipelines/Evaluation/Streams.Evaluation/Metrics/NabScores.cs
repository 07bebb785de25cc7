namespace Streams.Evaluation.Metrics;

/// <summary>
/// NAB scores of the same detections under its three application profiles (standard,
/// <c>reward_low_FP_rate</c>, <c>reward_low_FN_rate</c>): raw, summed over files, or normalized.
/// </summary>
internal readonly record struct NabScores(double Standard, double LowFalsePositive, double LowFalseNegative)
{
    /// <summary>Raw scores of one file; <paramref name="windows"/> are inclusive row ranges in time order.</summary>
    public static NabScores Of(ReadOnlySpan<bool> detections, IReadOnlyList<(int Start, int End)> windows) => new(
        NabScorer.RawScore(detections, windows, NabProfile.Standard),
        NabScorer.RawScore(detections, windows, NabProfile.LowFalsePositive),
        NabScorer.RawScore(detections, windows, NabProfile.LowFalseNegative));

    /// <summary>These raw scores normalized over <paramref name="windows"/> labelled windows (0 the null detector, 100 the perfect one).</summary>
    public NabScores Normalize(int windows) => new(
        NabScorer.Normalize(Standard, windows, NabProfile.Standard),
        NabScorer.Normalize(LowFalsePositive, windows, NabProfile.LowFalsePositive),
        NabScorer.Normalize(LowFalseNegative, windows, NabProfile.LowFalseNegative));

    public static NabScores operator +(NabScores left, NabScores right) => new(
        left.Standard + right.Standard,
        left.LowFalsePositive + right.LowFalsePositive,
        left.LowFalseNegative + right.LowFalseNegative);
}
