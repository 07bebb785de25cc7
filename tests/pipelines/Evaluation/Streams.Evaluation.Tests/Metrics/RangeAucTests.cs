using Streams.Evaluation.Metrics;

namespace Streams.Evaluation.Tests.Metrics;

public sealed class RangeAucTests
{
    // Row 1 is the anomaly; the highest score is on row 0, beside it.
    private static readonly double[] Scores = [0.9, 0.5, 0.1, 0.2];

    private static readonly bool[] Labels = [false, true, false, false];

    [Fact]
    public void VusPr_OneEventBuffersZeroToTwo_MatchesTheHandComputation()
    {
        // 250 thresholds on 4 rows: descending ranks ⌊k·3/249⌋ give 0.9, 0.5, 0.2 (83 each) and 0.1 once.
        // Buffers 0 and 1 (half-width 0): at 0.9 only row 0, TPR 0, precision 0; at 0.5 rows 0–1, TPR 1,
        // precision 1/2. AP = 1 · 1/2 = 0.5 for each.
        // Buffer 2 (half-width 1): rows 0 and 2 weigh a = √(1 − 1/2). At 0.9 (row 0): TP = a, positives
        // P + a/2, TPR = a/(1 + a/2), the buffered event touched (1/1), precision a. At 0.5 (rows 0–1):
        // TP = 1 + a, TPR = min((1 + a)/(1 + a/2), 1) = 1, precision (1 + a)/2. Later thresholds keep TPR 1.
        // AP = TPR₁·a + (1 − TPR₁)(1 + a)/2 = (3.5 + a)/(4 + 2a). VUS-PR = (0.5 + 0.5 + AP)/3.
        var a = Math.Sqrt(0.5);
        var expected = (1 + ((3.5 + a) / (4 + (2 * a)))) / 3;

        Assert.Equal(expected, RangeAuc.VusPr(Scores, Labels, 2), 12);
    }

    [Fact]
    public void RangeAucPr_BufferOfFour_MatchesTheHandComputation()
    {
        // extend_postive_range with window 4: rows 0 and 2 weigh b = √(1 − 1/4) (its right ramp starts on
        // the event's last row, so it stops at row 2), row 1 weighs 1; one buffered event, rows 0–2.
        // At 0.9 (row 0): TP = b, positives (P + 1 + b)/2 = 1 + b/2, TPR = b/(1 + b/2), precision b.
        // At 0.5 (rows 0–1): TP = 1 + b, TPR 1, precision (1 + b)/2. AP = (4·b² + (2 − b)(1 + b))/(2(2 + b)).
        var b = Math.Sqrt(0.75);
        var expected = ((4 * b * b) + ((2 - b) * (1 + b))) / (2 * (2 + b));

        Assert.Equal(expected, RangeAuc.RangeAucPr(Scores, Labels, 4), 12);
    }

    [Fact]
    public void VusPr_PerfectScore_IsOne()
    {
        // The anomaly alone at the top threshold: TPR 1 at precision 1 for every buffer; the buffer rows are
        // never predicted before TPR is already 1, so they do not lower AP.
        Assert.Equal(1, RangeAuc.VusPr([0.1, 0.9, 0.2, 0.3], Labels, 4), 12);
    }

    [Fact]
    public void VusPr_NoEvent_IsUndefined()
    {
        Assert.True(double.IsNaN(RangeAuc.VusPr(Scores, [false, false, false, false], 2)));
        Assert.True(double.IsNaN(RangeAuc.RangeAucPr(Scores, [false, false, false, false], 2)));
    }
}
