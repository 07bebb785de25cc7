using Streams.Evaluation.Metrics;

namespace Streams.Evaluation.Tests.Metrics;

public sealed class DetectionCountsTests
{
    private static bool[] Bits(string text) => [.. text.Select(c => c == '1')];

    [Fact]
    public void Of_TwoSegmentsOneHit_CountsPointWiseAdjustedAndEvents()
    {
        // Segments [2,5) and [7,9); one hit in the first, none in the second; FPs at 0 and 9.
        var counts = DetectionCounts.Of(Bits("1001000001"), Bits("0011100110"));

        Assert.Equal((1L, 2L, 4L, 3L), (counts.Tp, counts.Fp, counts.Fn, counts.Tn));
        Assert.Equal((3L, 2L), (counts.TpAdjusted, counts.FnAdjusted));
        Assert.Equal((2, 1), (counts.Events, counts.EventsDetected));
        Assert.Equal(1.0 / 3, counts.Precision, 12);
        Assert.Equal(1.0 / 5, counts.Recall, 12);
        Assert.Equal(2 * (1.0 / 3) * 0.2 / ((1.0 / 3) + 0.2), counts.F1, 12);
        // Point-adjusted: P = 3/5, R = 3/5.
        Assert.Equal(0.6, counts.F1Adjusted, 12);
        Assert.Equal(0.5, counts.EventRecall, 12);
        Assert.Equal(2.0 / 5, counts.FalsePositiveRate, 12);
        // Alarm runs [0,1), [3,4), [9,10): the first and last touch no event, so 1 / (1 + 2).
        Assert.Equal(2, counts.FalseEvents);
        Assert.Equal(1.0 / 3, counts.EventPrecision, 12);
    }

    [Fact]
    public void Of_AlarmRunsOutsideEvents_CountOneFalseEventEach()
    {
        // Alarm runs [0,2), [3,4), [5,6), [8,10); events [3,6) and [9,10). [3,4) and [5,6) lie in the
        // first event, [8,10) touches row 9 of the second, [0,2) touches none: one false event.
        // Event precision = detected / (detected + false) = 2 / (2 + 1).
        var counts = DetectionCounts.Of(Bits("1101010011"), Bits("0001110001"));

        Assert.Equal((2, 2, 1), (counts.Events, counts.EventsDetected, counts.FalseEvents));
        Assert.Equal(2.0 / 3, counts.EventPrecision, 12);
    }

    [Fact]
    public void Add_FalseEvents_SumBeforeTheRatio()
    {
        // Machine a: one event detected, no false run. Machine b: no event, two false runs [0,1), [2,3).
        var sum = DetectionCounts.Of(Bits("0110"), Bits("0100")) + DetectionCounts.Of(Bits("1010"), Bits("0000"));

        Assert.Equal(2, sum.FalseEvents);
        Assert.Equal(1.0 / 3, sum.EventPrecision, 12);
    }

    [Fact]
    public void Of_NoPredictionNoLabel_AllRatiosZero()
    {
        var counts = DetectionCounts.Of(Bits("0000"), Bits("0000"));

        Assert.Equal(4, counts.Tn);
        Assert.Equal(0, counts.F1);
        Assert.Equal(0, counts.F1Adjusted);
        Assert.Equal(0, counts.FalsePositiveRate);
    }

    [Fact]
    public void Add_TwoMachines_SumsCountsBeforeRatios()
    {
        var a = DetectionCounts.Of(Bits("1100"), Bits("1000"));
        var b = DetectionCounts.Of(Bits("0000"), Bits("0110"));

        var sum = a + b;

        Assert.Equal((1L, 1L, 2L, 4L), (sum.Tp, sum.Fp, sum.Fn, sum.Tn));
        Assert.Equal((2, 1), (sum.Events, sum.EventsDetected));
        Assert.Equal(1.0 / 3, sum.Recall, 12);
    }

    [Fact]
    public void Of_LengthMismatch_Throws()
    {
        Assert.Throws<ArgumentException>(() => DetectionCounts.Of(Bits("10"), Bits("100")));
    }
}
