using Streams.Evaluation.Metrics;

namespace Streams.Evaluation.Tests.Metrics;

public sealed class NabScorerTests
{
    [Fact]
    public void Sigmoid_KnownPoints_MatchNabDefinition()
    {
        Assert.Equal(0, NabScorer.Sigmoid(0), 12);
        Assert.Equal(0.98661429815143, NabScorer.Sigmoid(-1), 12);
        Assert.Equal(-1, NabScorer.Sigmoid(3.5));
    }

    [Fact]
    public void Probation_ShortAndLongFiles_FifteenPercentCappedAt750()
    {
        Assert.Equal(3, NabScorer.Probation(20));
        Assert.Equal(750, NabScorer.Probation(10_000));
    }

    [Fact]
    public void RawScore_HandBuiltFile_AddsRewardAndWeightedFalsePositives()
    {
        // 20 rows, probation 3, one window [10, 14] (W = 5).
        var detections = new bool[20];
        detections[1] = true;   // in probation: ignored
        detections[5] = true;   // before any window ended: -0.11
        detections[11] = true;  // in window: σ(-(14-11+1)/5)/σ(-1) = σ(-0.8)/σ(-1) = 0.964028/0.986614
        detections[12] = true;  // later in the same window: neither adds nor costs
        detections[17] = true;  // after the window: 0.11·σ((17-14)/(5-1)) = 0.11·σ(0.75) = 0.11·(-0.954045)

        var raw = NabScorer.RawScore(detections, [(10, 14)], NabProfile.Standard);

        Assert.Equal(-0.11 + 0.977107 - 0.104945, raw, 5);
    }

    [Fact]
    public void RawScore_MissedWindow_CostsFalseNegative()
    {
        var raw = NabScorer.RawScore(new bool[20], [(10, 14)], NabProfile.Standard);

        Assert.Equal(-1.0, raw, 12);
    }

    [Fact]
    public void Normalize_NullAndPerfect_MapToZeroAndHundred()
    {
        Assert.Equal(0, NabScorer.Normalize(-3, 3, NabProfile.Standard), 12);
        Assert.Equal(100, NabScorer.Normalize(3, 3, NabProfile.Standard), 12);
        Assert.Equal(75, NabScorer.Normalize(1.5, 3, NabProfile.Standard), 12);
    }
}
