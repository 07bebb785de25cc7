namespace Streams.Evaluation.Metrics;

/// <summary>
/// Range-AUC-PR and VUS-PR (Paparrizos et al., VLDB 2022, "Volume Under the Surface"), computed on
/// the continuous score as TSB-AD's <c>basic_metrics.py</c> does: labels get soft buffers
/// (√(1 − distance/window)) on both sides of each event; at each of 250 thresholds (the scores of
/// ranks spaced evenly over the descending sort, a row predicted when its score ≥ threshold) the
/// TPR is the buffered recall times the share of buffered events touched, and the precision is the
/// buffered true positives over the predicted rows; AP sums ΔTPR × precision. Range-AUC-PR is that
/// AP with one buffer (<c>RangeAUC</c>, window = the sliding window); VUS-PR averages it over
/// buffers 0…2 × sliding window (<c>RangeAUC_volume_opt</c>, as <c>get_metrics</c> calls it).
/// </summary>
internal static class RangeAuc
{
    /// <summary>TSB-AD's <c>thre</c>: the number of thresholds on each curve.</summary>
    public const int Thresholds = 250;

    /// <summary>VUS-PR over buffers 0…<paramref name="maxWindow"/>; NaN without a labelled event.</summary>
    public static double VusPr(ReadOnlySpan<double> scores, ReadOnlySpan<bool> labels, int maxWindow)
    {
        Check(scores, labels);
        ArgumentOutOfRangeException.ThrowIfNegative(maxWindow);
        var events = Events(labels);
        if (events.Count == 0)
        {
            return double.NaN;
        }

        var n = labels.Length;
        var first = FirstThreshold(scores, out var predictedCounts);
        var positives = labels.Count(true);

        // Labelled rows are predicted from their first threshold on, whatever the buffer.
        var labelledHits = new double[Thresholds];
        foreach (var (s, e) in events)
        {
            for (var i = s; i <= e; i++)
            {
                labelledHits[first[i]]++;
            }
        }

        Accumulate(labelledHits);
        var sum = 0.0;
        var buffer = new double[n];
        for (var window = 0; window <= maxWindow; window++)
        {
            // The reference's sequencing(): ramps on rows e+1…e+⌊w/2⌋ and s−⌊w/2⌋…s−1, capped at 1.
            var half = window / 2;
            var segments = Merge(events, half, n);
            foreach (var (s, e) in segments)
            {
                buffer.AsSpan(s, e - s + 1).Clear();
            }

            foreach (var (s, e) in events)
            {
                for (var x = e + 1; x < Math.Min(e + half + 1, n); x++)
                {
                    buffer[x] += Math.Sqrt(1 - ((double)(x - e) / window));
                }

                for (var x = Math.Max(s - half, 0); x < s; x++)
                {
                    buffer[x] += Math.Sqrt(1 - ((double)(s - x) / window));
                }
            }

            var bufferHits = new double[Thresholds];
            var touched = new double[Thresholds];
            foreach (var (s, e) in segments)
            {
                var earliest = Thresholds - 1;
                for (var i = s; i <= e; i++)
                {
                    earliest = Math.Min(earliest, first[i]);
                    if (!labels[i])
                    {
                        bufferHits[first[i]] += Math.Min(1, buffer[i]);
                    }
                }

                touched[earliest]++;
            }

            Accumulate(bufferHits);
            Accumulate(touched);
            var (tpr, precision) = (new double[Thresholds], new double[Thresholds]);
            for (var k = 0; k < Thresholds; k++)
            {
                // Labelled rows count 1 in the labels; buffer rows count their weight when predicted.
                var tp = labelledHits[k] + bufferHits[k];
                var positivesNew = positives + (bufferHits[k] / 2);
                tpr[k] = Math.Min(tp / positivesNew, 1) * touched[k] / segments.Count;
                precision[k] = tp / predictedCounts[k];
            }

            sum += AveragePrecision(tpr, precision);
        }

        return sum / (maxWindow + 1);
    }

    /// <summary>Range-AUC-PR with one buffer of <paramref name="window"/> rows; NaN without a labelled event.</summary>
    public static double RangeAucPr(ReadOnlySpan<double> scores, ReadOnlySpan<bool> labels, int window)
    {
        Check(scores, labels);
        ArgumentOutOfRangeException.ThrowIfNegative(window);
        var events = Events(labels);
        if (events.Count == 0)
        {
            return double.NaN;
        }

        var n = labels.Length;
        var first = FirstThreshold(scores, out var predictedCounts);
        var positives = labels.Count(true);

        // The reference's extend_postive_range(): its right ramp starts on the event's last row (already 1), so it reaches one row less than sequencing()'s.
        var half = window / 2;
        var buffered = new double[n];
        foreach (var (s, e) in events)
        {
            buffered.AsSpan(s, e - s + 1).Fill(1);
        }

        foreach (var (s, e) in events)
        {
            for (var x = e; x < Math.Min(e + half, n); x++)
            {
                buffered[x] += Math.Sqrt(1 - ((double)(x - e) / window));
            }

            for (var x = Math.Max(s - half, 0); x < s; x++)
            {
                buffered[x] += Math.Sqrt(1 - ((double)(s - x) / window));
            }
        }

        // The reference finds the buffered events as the runs of non-zero buffered labels (TSB-UAD's
        // range_convers_new; TSB-AD's np.diff rewrite only finds runs that jump 0 → 1, none once buffered).
        var full = 0;
        var weighted = new double[Thresholds];
        var partial = new double[Thresholds];
        var touched = new double[Thresholds];
        var segments = 0;
        for (var i = 0; i < n;)
        {
            if (buffered[i] == 0)
            {
                i++;
                continue;
            }

            var earliest = Thresholds - 1;
            for (; i < n && buffered[i] > 0; i++)
            {
                var weight = Math.Min(1, buffered[i]);
                earliest = Math.Min(earliest, first[i]);
                weighted[first[i]] += weight;
                if (weight == 1)
                {
                    full++;
                }
                else
                {
                    partial[first[i]] += weight;
                }
            }

            segments++;
            touched[earliest]++;
        }

        Accumulate(weighted);
        Accumulate(partial);
        Accumulate(touched);
        var (tpr, precision) = (new double[Thresholds], new double[Thresholds]);
        for (var k = 0; k < Thresholds; k++)
        {
            // TPR_FPR_RangeAUC: rows whose buffered label is 1 count 1 whether predicted or not.
            var positivesNew = (positives + full + partial[k]) / 2;
            tpr[k] = Math.Min(weighted[k] / positivesNew, 1) * touched[k] / segments;
            precision[k] = weighted[k] / predictedCounts[k];
        }

        return AveragePrecision(tpr, precision);
    }

    private static void Check(ReadOnlySpan<double> scores, ReadOnlySpan<bool> labels)
    {
        if (scores.Length != labels.Length)
        {
            throw new ArgumentException($"{scores.Length} scores for {labels.Length} labels.", nameof(scores));
        }
    }

    // Σ (TPR_k − TPR_{k−1}) × precision_k from TPR_0 = 0: the reference's AP (no interpolation).
    private static double AveragePrecision(double[] tpr, double[] precision)
    {
        var ap = 0.0;
        var previous = 0.0;
        for (var k = 0; k < tpr.Length; k++)
        {
            ap += (tpr[k] - previous) * precision[k];
            previous = tpr[k];
        }

        return ap;
    }

    private static void Accumulate(double[] counts)
    {
        for (var k = 1; k < counts.Length; k++)
        {
            counts[k] += counts[k - 1];
        }
    }

    /// <summary>
    /// For each row, the index of the first threshold it passes (Thresholds if none; thresholds
    /// fall with k, so a row is predicted at k and every later threshold), and each threshold's
    /// predicted-row count. Threshold k is the score of descending rank ⌊k·(n−1)/249⌋ (numpy's
    /// linspace cast to int). A NaN score ranks lowest, so every row passes the last threshold.
    /// </summary>
    private static int[] FirstThreshold(ReadOnlySpan<double> raw, out double[] predictedCounts)
    {
        var n = raw.Length;
        var scores = raw.ToArray();
        for (var i = 0; i < n; i++)
        {
            scores[i] = double.IsNaN(scores[i]) ? double.NegativeInfinity : scores[i];
        }

        var descending = scores.ToArray();
        Array.Sort(descending, (a, b) => b.CompareTo(a));
        var thresholds = new double[Thresholds];
        var step = (n - 1) / (double)(Thresholds - 1);
        for (var k = 0; k < Thresholds; k++)
        {
            thresholds[k] = descending[k == Thresholds - 1 ? n - 1 : (int)(k * step)];
        }

        var first = new int[n];
        predictedCounts = new double[Thresholds];
        for (var i = 0; i < n; i++)
        {
            // Smallest k with thresholds[k] ≤ score (thresholds are non-increasing).
            int low = 0, high = Thresholds;
            while (low < high)
            {
                var mid = (low + high) / 2;
                if (scores[i] >= thresholds[mid])
                {
                    high = mid;
                }
                else
                {
                    low = mid + 1;
                }
            }

            first[i] = low;
            predictedCounts[low]++;
        }

        Accumulate(predictedCounts);
        return first;
    }

    // Labelled events as inclusive row ranges.
    private static List<(int Start, int End)> Events(ReadOnlySpan<bool> labels) =>
        [.. Interval.Runs(labels).Select(r => ((int)r.Start, (int)r.End - 1))];

    // The reference's new_sequence(): events widened by half a window each side, merged where they meet.
    private static List<(int Start, int End)> Merge(List<(int Start, int End)> events, int half, int n)
    {
        var merged = new List<(int Start, int End)>();
        var start = Math.Max(events[0].Start - half, 0);
        for (var i = 0; i < events.Count - 1; i++)
        {
            if (events[i].End + half < events[i + 1].Start - half)
            {
                merged.Add((start, events[i].End + half));
                start = events[i + 1].Start - half;
            }
        }

        merged.Add((start, Math.Min(events[^1].End + half, n - 1)));
        return merged;
    }
}
