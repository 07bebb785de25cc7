using Streams.Evaluation.Metrics;

namespace Streams.Evaluation.Tests.Metrics;

public sealed class AffiliationScoreTests
{
    private static bool[] Bits(string text) => [.. text.Select(c => c == '1')];

    private static List<Interval> Events(params (double Start, double End)[] events) => [.. events.Select(e => new Interval(e.Start, e.End))];

    [Fact]
    public void Of_OnePredictionAfterTheEvent_MatchesTheHandComputedProbabilities()
    {
        // Range [0,10), event J = rows 4–5 = [4,6), so its zone is E = [0,10); prediction I = row 7 = [7,8).
        // A random X in E is at distance 4 − X left of J (X in [0,4)) or X − 6 right of it (X in [6,10)), so
        // P(d(X,J) > d) = 2(4 − d)/10 for d < 4. Precision: x in [7,8) is at d = x − 6 in [1,2), mean
        // (8 − 2·1.5)/10 = 0.5. Recall: y in [4,6) is at d = 7 − y in (1,3] from I, and [y − d, y + d]
        // stays inside E, so P(|X − y| > d) = 1 − 2d/10, mean over y: 1 − 2·2/10 = 0.6.
        var score = AffiliationScore.Of(Bits("0000000100"), Bits("0000110000"));

        Assert.Equal(0.5, score.Precision, 12);
        Assert.Equal(0.6, score.Recall, 12);
        Assert.Equal(2 * 0.5 * 0.6 / 1.1, score.F1, 12);
    }

    [Fact]
    public void Individual_PaperExample_MatchesTheReferenceTest()
    {
        // affiliation-metrics-py tests/test_metrics.py, test_paper: the second event's precision
        // probability 0.672222222 and recall probability 0.944444444.
        var truth = Events((0, 600), (3000, 4200), (10200, 10500));
        var predicted = Events((300, 360), (420, 600), (660, 720), (2400, 3600), (6900, 7800), (8100, 8400), (9900, 10200));

        var (precision, recall) = AffiliationScore.Individual(predicted, truth, new Interval(0, 10800));

        Assert.Equal(0.672222222, precision[1], 8);
        Assert.Equal(0.944444444, recall[1], 8);
    }

    [Fact]
    public void Individual_CoherenceExample_MatchesTheReferenceTest()
    {
        // affiliation-metrics-py tests/test_metrics.py, test_check_coherence.
        var predicted = Events((1, 3), (6, 18), (25, 26));
        var truth = Events((1, 8), (16, 17), (25, 28), (29, 31));

        var (precision, recall) = AffiliationScore.Individual(predicted, truth, new Interval(1, 40));

        Assert.Equal(1, precision[2], 12);
        Assert.True(double.IsNaN(precision[3]));
        Assert.Equal(0, recall[3]);
        Assert.Equal(1, recall[1], 12);
    }

    [Fact]
    public void Of_NoPrediction_RecallZeroPrecisionUndefined()
    {
        // affiliation-metrics-py tests/test_metrics.py, test_empty: precision NaN, recall 0.
        var score = AffiliationScore.Of(Bits("0000"), Bits("0110"));

        Assert.True(double.IsNaN(score.Precision));
        Assert.Equal(0, score.Recall);
        Assert.Equal(0, score.F1);
    }

    [Fact]
    public void Of_NoEvent_AllUndefined()
    {
        // The reference refuses a series without a labelled event; here it is undefined and pools as nothing.
        var score = AffiliationScore.Of(Bits("0100"), Bits("0000"));

        Assert.Equal(0, score.Events);
        Assert.True(double.IsNaN(score.F1));
    }

    [Fact]
    public void Add_TwoFiles_PoolTheirEvents()
    {
        // File a: the hand-computed case above (precision 0.5, recall 0.6). File b: an exact hit (1, 1).
        // Pooled over the two events: precision (0.5 + 1)/2, recall (0.6 + 1)/2.
        var sum = AffiliationScore.Of(Bits("0000000100"), Bits("0000110000")) + AffiliationScore.Of(Bits("0110"), Bits("0110"));

        Assert.Equal(0.75, sum.Precision, 12);
        Assert.Equal(0.8, sum.Recall, 12);
    }
}
