namespace Streams.Scoring.Calibration;

/// <summary>
/// Turns training scores (never labels) into a threshold: a high quantile, or the
/// peaks-over-threshold (POT) extreme-value estimate of Siffer et al., KDD 2017, which fits a
/// generalized Pareto tail to the excesses over an initial quantile and extrapolates to a risk
/// far smaller than the sample could show.
/// </summary>
public static class ThresholdCalibrator
{
    /// <summary>Nearest-rank quantile of <paramref name="scores"/>, <paramref name="level"/> in [0, 1].</summary>
    public static double Quantile(ReadOnlySpan<double> scores, double level)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(level, 0.0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(level, 1.0);
        if (scores.IsEmpty)
        {
            throw new ArgumentException("No scores to calibrate on.", nameof(scores));
        }

        var sorted = scores.ToArray();
        Array.Sort(sorted);
        var rank = (int)Math.Ceiling(level * sorted.Length) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Length - 1)];
    }

    /// <summary>
    /// POT threshold for risk <paramref name="risk"/> (the probability of a normal score
    /// exceeding it), from the excesses over the <paramref name="initialLevel"/> quantile. The
    /// Pareto shape and scale come from the method of moments, which needs no iterative solver;
    /// with fewer than 10 excesses the tail cannot be fitted and the sample maximum is used.
    /// </summary>
    public static double PeaksOverThreshold(ReadOnlySpan<double> scores, double risk, double initialLevel = 0.98)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(risk, 0.0);
        var initial = Quantile(scores, initialLevel);
        var excesses = new List<double>();
        var max = double.NegativeInfinity;
        foreach (var score in scores)
        {
            max = Math.Max(max, score);
            if (score > initial)
            {
                excesses.Add(score - initial);
            }
        }

        if (excesses.Count < 10)
        {
            return max;
        }

        var mean = excesses.Average();
        var variance = excesses.Sum(e => (e - mean) * (e - mean)) / (excesses.Count - 1);
        if (variance <= 0)
        {
            return max;
        }

        var ratio = mean * mean / variance;
        var shape = 0.5 * (1 - ratio);
        var scale = 0.5 * mean * (ratio + 1);
        var tail = risk * scores.Length / excesses.Count;
        if (tail >= 1)
        {
            return initial;
        }

        var threshold = Math.Abs(shape) < 1e-9
            ? initial - (scale * Math.Log(tail))
            : initial + (scale / shape * (Math.Pow(tail, -shape) - 1));
        return double.IsFinite(threshold) ? threshold : max;
    }
}
