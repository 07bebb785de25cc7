namespace Streams.Evaluation.Metrics;

/// <summary>NAB application profile: weights of a true positive, a false positive and a false negative (numenta/NAB <c>config/profiles.json</c>).</summary>
internal sealed record NabProfile(double TruePositive, double FalsePositive, double FalseNegative)
{
    public static NabProfile Standard { get; } = new(1.0, 0.11, 1.0);

    /// <summary><c>reward_low_FP_rate</c>: a false positive costs twice the standard.</summary>
    public static NabProfile LowFalsePositive { get; } = new(1.0, 0.22, 1.0);

    /// <summary><c>reward_low_FN_rate</c>: a missed window costs twice the standard.</summary>
    public static NabProfile LowFalseNegative { get; } = new(1.0, 0.11, 2.0);
}
