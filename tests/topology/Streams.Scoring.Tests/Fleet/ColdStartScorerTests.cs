using Streams.Scoring.Fleet;
using Streams.Scoring.Learning;

namespace Streams.Scoring.Tests.Fleet;

public sealed class ColdStartScorerTests
{
    private static readonly string[] Names = ["cpu", "mem"];
    private static readonly bool[] Present = [true, true];

    [Fact]
    public void Score_SpikeAfterTheSpan_IsAChangeInItsFirstWindow()
    {
        var scorer = new ColdStartScorer(new ColdStartOptions());
        var random = new Random(3);
        for (var i = 0; i < 20; i++)
        {
            var quiet = scorer.Score(Names, [0.3 + (0.01 * random.NextDouble()), 0.5], Present, prior: null);
            Assert.False(quiet.IsAnomaly, $"window {i} of steady noise");
        }

        var spike = scorer.Score(Names, [0.9, 0.5], Present, prior: null);

        Assert.True(spike.IsAnomaly);
        Assert.Equal(ColdStartJudge.ChangeOnly, spike.Judge);
        Assert.True(scorer.Ratios[0] > 1 && scorer.Ratios[1] < 1);
    }

    [Fact]
    public void Score_BeforeTheSpanIsWarm_NothingIsAChange()
    {
        var scorer = new ColdStartScorer(new ColdStartOptions { ChangeSpan = 12 });
        for (var i = 0; i < 12; i++)
        {
            Assert.False(scorer.Score(Names, [i % 2 == 0 ? 0.1 : 0.9, 0.5], Present, prior: null).IsAnomaly);
        }
    }

    [Theory]
    [InlineData(2)]
    [InlineData(12)]
    [InlineData(30)]
    public void Judge_WithoutPrior_GivesAVerdictFromTheWindowAfterTheConfiguredSpan(int span)
    {
        var scorer = new ColdStartScorer(new ColdStartOptions { ChangeSpan = span });
        for (var i = 0; i < span; i++)
        {
            Assert.Equal((null, HostPhase.Learning), scorer.Judge(Names, [0.3, 0.5], Present, prior: null));
        }

        var (verdict, phase) = scorer.Judge(Names, [0.3, 0.5], Present, prior: null);

        Assert.Equal(HostPhase.ChangeOnly, phase);
        Assert.Equal(ColdStartJudge.ChangeOnly, verdict?.Judge);
    }

    [Fact]
    public void Judge_WithPrior_GivesAVerdictFromTheFirstWindow()
    {
        var options = new ColdStartOptions();
        var prior = FleetPrior.Of([[new FeatureRange("cpu", 0.2, 0.4)], [new FeatureRange("cpu", 0.2, 0.4)]], options);

        var (verdict, phase) = new ColdStartScorer(options).Judge(Names, [0.3, 0.5], Present, prior);

        Assert.Equal(HostPhase.FleetPrior, phase);
        Assert.Equal(ColdStartJudge.FleetPrior, verdict?.Judge);
    }

    [Fact]
    public void Score_LevelOutsideThePrior_IsAnAnomalyAfterItsMinimumDuration()
    {
        var options = new ColdStartOptions { PriorMinDuration = 2 };
        var prior = FleetPrior.Of([[new FeatureRange("cpu", 0.2, 0.4)], [new FeatureRange("cpu", 0.2, 0.4)]], options);
        var scorer = new ColdStartScorer(options);

        var first = scorer.Score(Names, [0.9, 0.5], Present, prior);
        var second = scorer.Score(Names, [0.9, 0.5], Present, prior);

        Assert.False(first.IsAnomaly);
        Assert.True(second.IsAnomaly);
        Assert.Equal(ColdStartJudge.FleetPrior, second.Judge);
        Assert.Equal(2, scorer.Run);
    }

    [Fact]
    public void Score_AbsentValue_IsNeitherAChangeNorALevel()
    {
        var options = new ColdStartOptions();
        var prior = FleetPrior.Of([[new FeatureRange("cpu", 0.2, 0.4)], [new FeatureRange("cpu", 0.2, 0.4)]], options);
        var scorer = new ColdStartScorer(options);
        for (var i = 0; i < 20; i++)
        {
            scorer.Score(Names, [0.3, 0.5], Present, prior);
        }

        var gap = scorer.Score(Names, [double.NaN, 0.5], [false, true], prior);

        Assert.False(gap.IsAnomaly);
        Assert.False(scorer.Present[0]);
    }
}
