namespace Streams.Evaluation.Metrics;

/// <summary>
/// Confusion counts of a detector against point labels, point-wise and point-adjusted, plus
/// event counts: labelled events detected, and false events (maximal alarm runs that touch no
/// labelled event). Counts add up, so a dataset's figures come from summed counts (the literature's
/// SMD protocol), not from averaged ratios.
/// </summary>
internal readonly record struct DetectionCounts(long Tp, long Fp, long Fn, long Tn, long TpAdjusted, long FnAdjusted, int Events, int EventsDetected, int FalseEvents)
{
    public double Precision => Ratio(Tp, Tp + Fp);

    public double Recall => Ratio(Tp, Tp + Fn);

    public double F1 => Harmonic(Precision, Recall);

    /// <summary>F1 after point adjustment: a labelled segment with any detection counts as detected in full.</summary>
    public double F1Adjusted => Harmonic(Ratio(TpAdjusted, TpAdjusted + Fp), Ratio(TpAdjusted, TpAdjusted + FnAdjusted));

    public double EventRecall => Ratio(EventsDetected, Events);

    /// <summary>Detected events over detected plus false events: an alarm run outside every labelled event is one false event.</summary>
    public double EventPrecision => Ratio(EventsDetected, EventsDetected + FalseEvents);

    public double FalsePositiveRate => Ratio(Fp, Fp + Tn);

    public static DetectionCounts operator +(DetectionCounts a, DetectionCounts b) => new(
        a.Tp + b.Tp, a.Fp + b.Fp, a.Fn + b.Fn, a.Tn + b.Tn, a.TpAdjusted + b.TpAdjusted, a.FnAdjusted + b.FnAdjusted, a.Events + b.Events, a.EventsDetected + b.EventsDetected, a.FalseEvents + b.FalseEvents);

    /// <summary>Counts <paramref name="predicted"/> against <paramref name="labels"/>; an event is a maximal run of positive labels.</summary>
    public static DetectionCounts Of(ReadOnlySpan<bool> predicted, ReadOnlySpan<bool> labels)
    {
        if (predicted.Length != labels.Length)
        {
            throw new ArgumentException($"{predicted.Length} predictions for {labels.Length} labels.", nameof(predicted));
        }

        long tp = 0, fp = 0, fn = 0, tn = 0, tpAdjusted = 0, fnAdjusted = 0;
        int events = 0, detected = 0;
        for (var i = 0; i < labels.Length;)
        {
            if (!labels[i])
            {
                fp += predicted[i] ? 1 : 0;
                tn += predicted[i] ? 0 : 1;
                i++;
                continue;
            }

            var start = i;
            var hits = 0;
            for (; i < labels.Length && labels[i]; i++)
            {
                hits += predicted[i] ? 1 : 0;
            }

            var length = i - start;
            tp += hits;
            fn += length - hits;
            events++;
            if (hits > 0)
            {
                detected++;
                tpAdjusted += length;
            }
            else
            {
                fnAdjusted += length;
            }
        }

        // Without allocating: ThresholdCeiling counts thousands of candidate predictions per machine.
        var falseEvents = 0;
        var touched = false;
        for (var i = 0; i < predicted.Length; i++)
        {
            if (!predicted[i])
            {
                continue;
            }

            touched = (i > 0 && predicted[i - 1] && touched) || labels[i];
            if (i == predicted.Length - 1 || !predicted[i + 1])
            {
                falseEvents += touched ? 0 : 1;
            }
        }

        return new DetectionCounts(tp, fp, fn, tn, tpAdjusted, fnAdjusted, events, detected, falseEvents);
    }

    private static double Ratio(double numerator, double denominator) => denominator == 0 ? 0 : numerator / denominator;

    private static double Harmonic(double p, double r) => p + r == 0 ? 0 : 2 * p * r / (p + r);
}
