using Streams.Evaluation.Metrics;

namespace Streams.Evaluation.Runs;

/// <summary>The supervised predictor's counts on the second half of test/, and the unsupervised ensemble's on the same rows for comparison.</summary>
internal sealed record SupervisedResult(DetectionCounts Predictor, DetectionCounts Unsupervised)
{
    public static SupervisedResult operator +(SupervisedResult a, SupervisedResult b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return new SupervisedResult(a.Predictor + b.Predictor, a.Unsupervised + b.Unsupervised);
    }
}
