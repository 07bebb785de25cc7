using Streams.Scoring.Calibration;

namespace Streams.Evaluation.Metrics;

/// <summary>
/// The best a score could do with a perfect threshold: the threshold that maximises point-adjusted
/// F1 is searched over the score's own values, reading the labels. Part of the literature reports
/// SMD this way ("best F1"); here it is a diagnostic beside the detector's figures, never one of
/// them. A ceiling under a target says the score, not the threshold, must get better.
/// </summary>
internal static class ThresholdCeiling
{
    /// <summary>Candidate thresholds: this many quantiles of the scores, spread over the upper half.</summary>
    private const int Candidates = 2_000;

    /// <summary>The counts at the best threshold, the same <paramref name="minDuration"/> rule applied as the detector does.</summary>
    public static (DetectionCounts Counts, double Threshold) Best(ReadOnlySpan<double> scores, ReadOnlySpan<bool> labels, int minDuration)
    {
        if (scores.Length != labels.Length)
        {
            throw new ArgumentException($"{scores.Length} scores for {labels.Length} labels.", nameof(scores));
        }

        var sorted = scores.ToArray();
        Array.Sort(sorted);
        var predicted = new bool[scores.Length];
        var best = (Counts: DetectionCounts.Of(predicted, labels), Threshold: double.PositiveInfinity);
        var previous = double.NaN;
        for (var c = 0; c < Candidates && sorted.Length > 0; c++)
        {
            // Quantiles from the median up, denser towards the top where thresholds live.
            var q = 1 - (0.5 * Math.Pow(1 - ((double)c / Candidates), 3));
            var threshold = sorted[Math.Min(sorted.Length - 1, (int)(q * sorted.Length))];
            if (threshold.Equals(previous))
            {
                continue;
            }

            previous = threshold;
            var filter = new MinDurationFilter(minDuration);
            for (var i = 0; i < scores.Length; i++)
            {
                // Strictly over, as the detector judges, so the top value itself flags nothing.
                predicted[i] = filter.Next(scores[i] > threshold);
            }

            var counts = DetectionCounts.Of(predicted, labels);
            if (counts.F1Adjusted > best.Counts.F1Adjusted)
            {
                best = (counts, threshold);
            }
        }

        return best;
    }
}
