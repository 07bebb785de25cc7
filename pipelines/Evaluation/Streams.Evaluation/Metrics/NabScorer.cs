namespace Streams.Evaluation.Metrics;

/// <summary>
/// NAB's scoring (Lavin and Ahmad, ICMLA 2015; numenta/NAB <c>nab/scorer.py</c>): rows in the
/// probationary period are ignored; the earliest detection in a window earns a sigmoid-weighted
/// reward, a window without one costs a false negative, and each detection outside windows
/// costs a false positive weighted by its distance from the last window that ended.
/// </summary>
internal static class NabScorer
{
    /// <summary>NAB's probation: the first 15 % of a file, at most 750 rows.</summary>
    public static int Probation(int rows) => Math.Min((int)Math.Floor(0.15 * rows), 750);

    /// <summary>Raw score of one file; <paramref name="windows"/> are inclusive row ranges in time order.</summary>
    public static double RawScore(ReadOnlySpan<bool> detections, IReadOnlyList<(int Start, int End)> windows, NabProfile profile)
    {
        ArgumentNullException.ThrowIfNull(windows);
        ArgumentNullException.ThrowIfNull(profile);
        var probation = Probation(detections.Length);
        var score = 0.0;
        var credited = new bool[windows.Count];
        var next = 0;
        for (var i = probation; i < detections.Length; i++)
        {
            while (next < windows.Count && windows[next].End < i)
            {
                next++;
            }

            if (!detections[i])
            {
                continue;
            }

            if (next < windows.Count && windows[next].Start <= i)
            {
                var (start, end) = windows[next];
                if (!credited[next])
                {
                    credited[next] = true;
                    var width = end - start + 1.0;
                    score += profile.TruePositive * Sigmoid(-(end - i + 1) / width) / Sigmoid(-1);
                }

                continue;
            }

            var weight = -1.0;
            if (next > 0)
            {
                var (start, end) = windows[next - 1];
                var width = end - start + 1.0;
                weight = width > 1 ? Sigmoid((i - end) / (width - 1)) : -1.0;
            }

            score += profile.FalsePositive * weight;
        }

        for (var w = 0; w < windows.Count; w++)
        {
            score -= credited[w] ? 0 : profile.FalseNegative;
        }

        return score;
    }

    /// <summary>NAB's normalization: 0 for the null detector, 100 for the perfect one.</summary>
    public static double Normalize(double raw, int windows, NabProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var nullScore = -profile.FalseNegative * windows;
        var perfect = profile.TruePositive * windows;
        return perfect == nullScore ? double.NaN : 100 * (raw - nullScore) / (perfect - nullScore);
    }

    /// <summary>NAB's scaled sigmoid: 2/(1+e^(5y)) − 1, and −1 beyond y = 3.</summary>
    public static double Sigmoid(double y) => y > 3 ? -1 : (2 / (1 + Math.Exp(5 * y))) - 1;
}
