using Streams.Evaluation.Metrics;

namespace Streams.Evaluation.Runs;

/// <summary>
/// The figures of a file's continuous score (the live scorer's score over its threshold, so a
/// ratio over 1 is over the threshold): VUS-PR and Range-AUC-PR with TSB-AD's sliding
/// <see cref="Window"/> (VUS over buffers 0…2 × window, Range-AUC with one buffer of window).
/// </summary>
internal sealed record RangeFigures(double VusPr, double RangeAucPr, int Window)
{
    public static RangeFigures Undefined { get; } = new(double.NaN, double.NaN, 0);

    /// <param name="periodSource">The series TSB-AD estimates its sliding window on (a file's values; an SMD machine's first metric).</param>
    public static RangeFigures Of(ReadOnlySpan<double> scores, ReadOnlySpan<bool> labels, ReadOnlySpan<double> periodSource)
    {
        var window = SlidingWindow.Estimate(periodSource);
        return new RangeFigures(RangeAuc.VusPr(scores, labels, 2 * window), RangeAuc.RangeAucPr(scores, labels, window), window);
    }

    /// <summary>TSB-AD reports a dataset by the mean over its files; files without an event (NaN) are left out.</summary>
    public static RangeFigures Mean(IEnumerable<RangeFigures> files)
    {
        var defined = files.Where(f => !double.IsNaN(f.VusPr)).ToList();
        return defined.Count == 0 ? Undefined : new RangeFigures(defined.Average(f => f.VusPr), defined.Average(f => f.RangeAucPr), 0);
    }
}
