using Streams.Evaluation.Metrics;

namespace Streams.Evaluation.Tests.Metrics;

public sealed class ThresholdCeilingTests
{
    private static bool[] Bits(string text) => [.. text.Select(c => c == '1')];

    [Fact]
    public void Best_SeparableScores_FindsTheThresholdThatDetectsEverySegmentWithoutFalseAlarms()
    {
        // Segments [2,5) and [7,9). One point of each scores 5 or 6; normal points score 1 to 4.
        double[] scores = [1, 4, 1, 6, 1, 2, 3, 1, 5, 1];
        var labels = Bits("0011100110");

        var (counts, threshold) = ThresholdCeiling.Best(scores, labels, minDuration: 1);

        Assert.Equal(1.0, counts.F1Adjusted, 12);
        Assert.Equal(0, counts.Fp);
        Assert.Equal(2, counts.EventsDetected);
        Assert.InRange(threshold, 4, 5 - 1e-9);
    }

    [Fact]
    public void Best_MinDurationTwo_OneWindowSpikeCannotBeCaught()
    {
        // The second segment's only high point is alone, so min-duration 2 can never flag it.
        double[] scores = [1, 1, 9, 9, 1, 1, 1, 9, 1, 1];
        var labels = Bits("0011000100");

        var (counts, _) = ThresholdCeiling.Best(scores, labels, minDuration: 2);

        Assert.Equal((2, 1), (counts.Events, counts.EventsDetected));
        Assert.Equal(0, counts.Fp);
    }

    [Fact]
    public void Best_NoThresholdBeatsSilence_ReportsNothingFlagged()
    {
        double[] scores = [9, 1, 1, 1];
        var labels = Bits("0001");

        var (counts, threshold) = ThresholdCeiling.Best(scores, labels, minDuration: 1);

        Assert.Equal(0, counts.F1Adjusted);
        Assert.Equal(double.PositiveInfinity, threshold);
    }
}
