namespace Streams.Evaluation.Metrics;

/// <summary>
/// Affiliation precision and recall (Huet, Navarro and Rossi, KDD 2022, "Local Evaluation of
/// Time Series Anomaly Detection Algorithms"), computed as the reference implementation
/// (ahstat/affiliation-metrics-py, <c>pr_from_events</c>) does. The time axis is cut into one
/// zone per labelled event (the midpoints between neighbouring events, the series' ends outside);
/// in its zone an event's precision is the mean, over the predicted time, of the probability that
/// a random point of the zone lies farther from the event than the prediction does, and its
/// recall the mean, over the event, of the same probability from the predictions' side.
/// Precision averages the events whose zone holds a prediction; recall averages every event.
/// Sums and counts are kept so machines pool by their events, as one series would.
/// </summary>
internal readonly record struct AffiliationScore(double PrecisionSum, int PrecisionEvents, double RecallSum, int Events)
{
    /// <summary>Mean individual precision probability; NaN when no zone holds a prediction (undefined in the reference).</summary>
    public double Precision => PrecisionEvents == 0 ? double.NaN : PrecisionSum / PrecisionEvents;

    public double Recall => Events == 0 ? double.NaN : RecallSum / Events;

    /// <summary>Harmonic mean; 0 when precision is undefined (no prediction near any event), NaN without an event.</summary>
    public double F1
    {
        get
        {
            if (Events == 0)
            {
                return double.NaN;
            }

            var p = double.IsNaN(Precision) ? 0 : Precision;
            return p + Recall == 0 ? 0 : 2 * p * Recall / (p + Recall);
        }
    }

    public static AffiliationScore operator +(AffiliationScore a, AffiliationScore b) =>
        new(a.PrecisionSum + b.PrecisionSum, a.PrecisionEvents + b.PrecisionEvents, a.RecallSum + b.RecallSum, a.Events + b.Events);

    /// <summary>The score of a binary prediction against binary labels over the range [0, length), as TSB-AD calls the reference.</summary>
    public static AffiliationScore Of(ReadOnlySpan<bool> predicted, ReadOnlySpan<bool> labels)
    {
        if (predicted.Length != labels.Length)
        {
            throw new ArgumentException($"{predicted.Length} predictions for {labels.Length} labels.", nameof(predicted));
        }

        var (precision, recall) = Individual(Interval.Runs(predicted), Interval.Runs(labels), new Interval(0, labels.Length));
        return Sum(precision, recall);
    }

    /// <summary>Sums per-event probabilities, leaving out undefined (NaN) precisions as the reference's average does.</summary>
    public static AffiliationScore Sum(IReadOnlyList<double> precision, IReadOnlyList<double> recall)
    {
        ArgumentNullException.ThrowIfNull(precision);
        ArgumentNullException.ThrowIfNull(recall);
        var defined = precision.Where(p => !double.IsNaN(p)).ToList();
        return new AffiliationScore(defined.Sum(), defined.Count, recall.Sum(), recall.Count);
    }

    /// <summary>
    /// The individual precision and recall probability of each labelled event (the reference's
    /// <c>individual_precision_probabilities</c> and <c>individual_recall_probabilities</c>).
    /// Events are sorted, disjoint, non-empty intervals inside <paramref name="range"/>.
    /// </summary>
    public static (double[] Precision, double[] Recall) Individual(IReadOnlyList<Interval> predicted, IReadOnlyList<Interval> truth, Interval range)
    {
        ArgumentNullException.ThrowIfNull(predicted);
        ArgumentNullException.ThrowIfNull(truth);
        var zones = Zones(truth, range);
        var precision = new double[truth.Count];
        var recall = new double[truth.Count];
        var first = 0;
        for (var j = 0; j < truth.Count; j++)
        {
            var pieces = new List<Interval>();
            while (first < predicted.Count && predicted[first].End <= zones[j].Start)
            {
                first++;
            }

            for (var k = first; k < predicted.Count && predicted[k].Start < zones[j].End; k++)
            {
                if (predicted[k].Intersect(zones[j]) is { } piece)
                {
                    pieces.Add(piece);
                }
            }

            precision[j] = PrecisionProbability(pieces, truth[j], zones[j]);
            recall[j] = RecallProbability(pieces, truth[j], zones[j]);
        }

        return (precision, recall);
    }

    /// <summary>Each event's zone of affiliation: from the midpoint with the previous event to the midpoint with the next, the range's ends outside.</summary>
    internal static Interval[] Zones(IReadOnlyList<Interval> events, Interval range)
    {
        var zones = new Interval[events.Count];
        for (var j = 0; j < events.Count; j++)
        {
            var left = j == 0 ? range.Start : (events[j - 1].End + events[j].Start) / 2;
            var right = j == events.Count - 1 ? range.End : (events[j].End + events[j + 1].Start) / 2;
            zones[j] = new Interval(left, right);
        }

        return zones;
    }

    private static double PrecisionProbability(List<Interval> predicted, Interval truth, Interval zone)
    {
        if (predicted.Count == 0)
        {
            return double.NaN;
        }

        var integral = 0.0;
        foreach (var piece in predicted)
        {
            var (before, inside, after) = Cut(piece, truth);
            integral += (inside?.Length ?? 0) + PrecisionOutside(before, truth, zone) + PrecisionOutside(after, truth, zone);
        }

        return integral / predicted.Sum(p => p.Length);
    }

    private static double RecallProbability(List<Interval> predicted, Interval truth, Interval zone)
    {
        if (predicted.Count == 0)
        {
            return 0;
        }

        // The event is shared among the predictions by their own zones of affiliation inside the event's zone.
        var shares = Zones(predicted, zone);
        var integral = 0.0;
        for (var k = 0; k < predicted.Count; k++)
        {
            if (truth.Intersect(shares[k]) is not { } part)
            {
                continue;
            }

            var (before, inside, after) = Cut(part, predicted[k]);
            integral += (inside?.Length ?? 0) + RecallOutside(predicted[k], before, zone) + RecallOutside(predicted[k], after, zone);
        }

        return integral / truth.Length;
    }

    // The parts of i before j, inside j and after j (the reference's cut_into_three_func); empty parts are null.
    private static (Interval? Before, Interval? Inside, Interval? After) Cut(Interval i, Interval j)
    {
        var inside = i.Intersect(j);
        Interval? before = i.Start < j.Start ? new Interval(i.Start, Math.Min(i.End, j.Start)) : null;
        Interval? after = i.End > j.End ? new Interval(Math.Max(i.Start, j.End), i.End) : null;
        return (before, inside, after);
    }

    // ∫ over x in i (outside j, inside zone e) of P(d(X, j) > d(x, j)) for X uniform on e: the
    // reference's integral_mini_interval_Pprecision_CDFmethod, closed form of the CDF integral.
    private static double PrecisionOutside(Interval? piece, Interval j, Interval e)
    {
        if (piece is not { } i)
        {
            return 0;
        }

        var dMin = Math.Max(i.Start - j.End, j.Start - i.End);
        var dMax = Math.Max(i.End - j.End, j.Start - i.Start);
        var m = Math.Min(j.Start - e.Start, e.End - j.End);
        var minPiece = (0.5 * ((Math.Min(dMax, m) * Math.Min(dMax, m)) - (Math.Min(dMin, m) * Math.Min(dMin, m)))) + (m * (Math.Max(dMax, m) - Math.Max(dMin, m)));
        var linearPiece = 0.5 * ((dMax * dMax) - (dMin * dMin));
        var remainingPiece = j.Length * i.Length;
        return i.Length - ((minPiece + linearPiece + remainingPiece) / e.Length);
    }

    // ∫ over y in part (outside prediction i) of P(d(y, X) > d(y, i)) for X uniform on zone e: the
    // reference's integral_mini_interval_Precall_CDFmethod. The distance grows linearly from the
    // prediction's nearest end (the pivot); the survival is 1 − (min(d, m) + d)/|e|, where m is the
    // point's distance to the nearer end of e, so the part is split where min(d, m) changes branch.
    private static double RecallOutside(Interval i, Interval? part, Interval e)
    {
        if (part is not { } j)
        {
            return 0;
        }

        var pivot = j.End <= i.Start ? i.Start : i.End;
        if (pivot <= e.Start || pivot >= e.End)
        {
            // A prediction beyond the zone is farther than any random point of it.
            return 0;
        }

        var mean = (e.Start + e.End) / 2;
        var (jBefore, jAfter) = Split(j, mean);
        var (beforeCloseE, beforeCloseI) = Split(jBefore, (e.Start + pivot) / 2);
        var (afterCloseI, afterCloseE) = Split(jAfter, (e.End + pivot) / 2);
        static double Width(Interval? x) => x is { } v ? v.Length : 0;
        static double Squares(Interval? x) => x is { } v ? (v.End * v.End) - (v.Start * v.Start) : 0;
        double integral;
        if (pivot >= j.End)
        {
            integral = ((pivot - e.Start) * Width(beforeCloseE))
                + (2 * pivot * Width(beforeCloseI)) - Squares(beforeCloseI)
                + (2 * pivot * Width(afterCloseI)) - Squares(afterCloseI)
                + ((e.End + pivot) * Width(afterCloseE)) - Squares(afterCloseE);
        }
        else
        {
            integral = Squares(beforeCloseE) - ((e.Start + pivot) * Width(beforeCloseE))
                + Squares(beforeCloseI) - (2 * pivot * Width(beforeCloseI))
                + Squares(afterCloseI) - (2 * pivot * Width(afterCloseI))
                + ((e.End - pivot) * Width(afterCloseE));
        }

        return j.Length - (integral / e.Length);
    }

    // The parts of an interval before and after a point (the reference's cut_J_based_on_mean_func).
    private static (Interval? Before, Interval? After) Split(Interval? interval, double at)
    {
        if (interval is not { } j)
        {
            return (null, null);
        }

        if (at >= j.End)
        {
            return (j, null);
        }

        return at <= j.Start ? (null, j) : (new Interval(j.Start, at), new Interval(at, j.End));
    }
}
