using Streams.Evaluation.Metrics;

namespace Streams.Evaluation.Tests.Metrics;

/// <summary>
/// Figures on generated series checked against the reference code: the expected values were
/// computed once by a line-by-line pure-Python transcription of affiliation-metrics-py
/// (<c>pr_from_events</c>) and TSB-AD's <c>basic_metrics.py</c> (<c>RangeAUC_volume_opt</c>,
/// <c>RangeAUC</c> with the non-zero-run <c>range_convers_new</c>), fed the same generator.
/// </summary>
public sealed class ReferenceCrossCheckTests
{
    // A 64-bit LCG (Knuth's MMIX constants), top 53 bits as a double, so Python can replay it exactly.
    private static (double[] Scores, bool[] Labels) Series((int Start, int End)[] events, bool rounded)
    {
        var state = 7UL;
        double Next()
        {
            state = unchecked((state * 6364136223846793005UL) + 1442695040888963407UL);
            return (state >> 11) / (double)(1UL << 53);
        }

        var labels = new bool[400];
        foreach (var (start, end) in events)
        {
            labels.AsSpan(start, end - start).Fill(true);
        }

        var scores = new double[labels.Length];
        for (var i = 0; i < scores.Length; i++)
        {
            var value = Next();
            value += labels[i] && Next() < 0.7 ? 0.6 : 0.0;
            value += i is >= 40 and < 48 ? 0.5 : 0;
            scores[i] = rounded ? Math.Round(value, 1, MidpointRounding.ToEven) : value;
        }

        return (scores, labels);
    }

    [Fact]
    public void Metrics_SeparateEventsDistinctScores_MatchTheReference()
    {
        var (scores, labels) = Series([(50, 60), (61, 64), (200, 230), (390, 400)], rounded: false);
        var affiliation = AffiliationScore.Of([.. scores.Select(s => s > 0.95)], labels);

        Assert.Equal(0.7122549195515306, affiliation.Precision, 12);
        Assert.Equal(0.9925829298524651, affiliation.Recall, 12);
        Assert.Equal(0.690697176658454, RangeAuc.VusPr(scores, labels, 20), 12);
        Assert.Equal(0.6715053032768075, RangeAuc.RangeAucPr(scores, labels, 10), 12);
    }

    [Fact]
    public void Metrics_EventsAtBothEndsOverlappingBuffersTiedScores_MatchTheReference()
    {
        var (scores, labels) = Series([(0, 5), (8, 12), (100, 101), (150, 152), (395, 400)], rounded: true);
        var affiliation = AffiliationScore.Of([.. scores.Select(s => s > 0.95)], labels);

        Assert.Equal(0.6050851072465087, affiliation.Precision, 12);
        Assert.Equal(0.8505655496475015, affiliation.Recall, 12);
        Assert.Equal(0.3141485804780141, RangeAuc.VusPr(scores, labels, 40), 12);
        Assert.Equal(0.34012278062273116, RangeAuc.RangeAucPr(scores, labels, 30), 12);
    }
}
