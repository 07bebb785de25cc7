namespace Streams.Evaluation.Metrics;

/// <summary>NAB application profile: weights of a true positive, a false positive and a false negative.</summary>
internal sealed record NabProfile(double TruePositive, double FalsePositive, double FalseNegative)
{
    public static NabProfile Standard { get; } = new(1.0, 0.11, 1.0);
}
