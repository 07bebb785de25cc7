using Streams.Scoring.Artifacts;
using Streams.Scoring.Learning;
using Streams.Topology.Metrics;
using Streams.Topology.Scoring;

namespace Streams.Topology.Tests.Scoring;

/// <summary>The live scorer's continual learning through the topology: cold start, drift, incidents, restart, rebalance.</summary>
public sealed class ContinualLearningTests
{
    // A span longer than the workload's 288-window cycle, so that its 20 % calibration tail covers one.
    private static readonly RetrainPolicy Policy = new() { FirstWindows = 60, MatureWindows = 360, RetrainEvery = 200, SpanWindows = 1_600, IncidentWindows = 100 };

    [Fact]
    public void Score_NewHost_IsJudgedOnChangeThenScoredProvisionallyAfterTheFirstWindowsThenMature()
    {
        using var harness = new ScoringHarness(ScoringHarness.Options(Policy));
        var random = new Random(1);
        Pipe(harness, "web-01", 0, 12, random);

        Assert.Equal(HostPhase.Learning, harness.Status.PhaseOf("web-01"));
        Assert.Empty(harness.Scored);

        Pipe(harness, "web-01", 12, 59, random);

        Assert.Equal(HostPhase.ChangeOnly, harness.Status.PhaseOf("web-01"));
        Assert.Equal(59 - 12, harness.Scored.Count);
        Assert.DoesNotContain(harness.Scored, s => s.IsAnomaly);
        harness.Scored.Clear();

        Pipe(harness, "web-01", 59, 61, random);

        Assert.Equal(HostPhase.Provisional, harness.Status.PhaseOf("web-01"));
        Assert.Single(harness.Scored, s => s.ModelVersion != "change-only");

        Pipe(harness, "web-01", 61, 400, random);

        Assert.Equal(HostPhase.Scoring, harness.Status.PhaseOf("web-01"));
        Assert.Equal(340, harness.Scored.Count(s => s.ModelVersion != "change-only"));

        // Provisional at 60, retrained at 120, 240 and, mature, at 360.
        Assert.Equal(4, harness.Scored.Select(s => s.ModelVersion).Where(v => v != "change-only").Distinct().Count());
    }

    [Fact]
    public void Score_LevelStepsUpAndStays_AlarmsAtTheStepThenLearnsItWithinTheSpan()
    {
        using var harness = new ScoringHarness(ScoringHarness.Options(Policy));
        var random = new Random(1);
        Pipe(harness, "web-01", 0, 2_000 + Policy.SpanWindows + 200, random, stepAt: 2_000, step: 0.3);

        var alarmed = Alarmed(harness);
        Assert.Contains(alarmed, s => s is >= 2_000 and < 2_010);
        var late = alarmed.Count(s => s >= 2_000 + Policy.SpanWindows);
        Assert.True(late == 0, $"{late} windows alarmed a span after the step, the first at window {alarmed.Find(s => s >= 2_000 + Policy.SpanWindows)}");
    }

    [Fact]
    public void Score_IncidentInProgressAtARetraining_IsNotLearnedAsNormal()
    {
        var excluding = Incident(Policy);
        var learning = Incident(Policy with { IncidentWindows = 0 });

        Assert.True(excluding > learning, $"{excluding} windows of the incident after the retraining alarmed with it left out of training, {learning} with it learned");
        Assert.True(excluding >= 35, $"only {excluding} of 40 windows of the incident after the retraining alarmed");
    }

    [Fact]
    public void Score_RestartMidWarmup_TheStoresHoldTheWarmupToResumeFrom()
    {
        using var harness = new ScoringHarness(ScoringHarness.Options(Policy));
        var random = new Random(1);
        Pipe(harness, "web-01", 0, 40, random);

        var state = harness.Restored(ScoreWindows.HostStoreName, new LearningStateSerDes())["web-01"];
        var history = harness.Restored(ScoreWindows.WarmupStoreName, new HistoryRowSerDes());

        Assert.Equal(new LearningProgress(40, 0), state.Progress);
        Assert.Null(state.Model);
        Assert.Equal(40, history.Count);
        Assert.Equal(HostPhase.Learning, Policy.PhaseOf(state.Progress, trained: false));
        Assert.False(Policy.IsDue(state.Progress, trained: false));
        Assert.True(Policy.IsDue(state.Progress with { Seen = 60 }, trained: false));
    }

    [Fact]
    public void Score_HostTrained_ItsModelAndScheduleAreInTheChangelogTheNextOwnerRestores()
    {
        using var harness = new ScoringHarness(ScoringHarness.Options(Policy));
        var random = new Random(1);
        Pipe(harness, "web-01", 0, 2_000, random);

        var state = harness.Restored(ScoreWindows.HostStoreName, new LearningStateSerDes())["web-01"];
        var history = harness.Restored(ScoreWindows.WarmupStoreName, new HistoryRowSerDes());

        Assert.Equal(new LearningProgress(2_000, 1_960), state.Progress);
        Assert.Equal(harness.Scored[^1].ModelVersion, state.Version);
        Assert.Equal(HostWindows.Names, HostDetectorArtifact.Deserialize(state.Model).FeatureNames);
        Assert.Equal(Policy.SpanWindows, history.Count);
    }

    // Alarmed windows, among the 40 after the retraining at 2160, of an 80-window disk incident from 2120.
    private static int Incident(RetrainPolicy policy)
    {
        using var harness = new ScoringHarness(ScoringHarness.Options(policy));
        var random = new Random(1);
        Pipe(harness, "web-01", 0, 2_120, random);
        for (var i = 2_120; i < 2_200; i++)
        {
            var values = HostWindows.Values(i, random);
            values[3] += 0.4;
            harness.Pipe(HostWindows.Window("web-01", i, values));
        }

        return Alarmed(harness).Count(s => s >= 2_160);
    }

    private static List<int> Alarmed(ScoringHarness harness) =>
        [.. harness.Scored.Where(s => s.IsAnomaly).Select(s => (int)((s.WindowStartMs - EpochMs.Of(HostWindows.T0)) / 10_000))];

    private static void Pipe(ScoringHarness harness, string host, int from, int to, Random random, int stepAt = int.MaxValue, double step = 0)
    {
        for (var i = from; i < to; i++)
        {
            var values = HostWindows.Values(i, random);
            values[0] += i >= stepAt ? step : 0;
            harness.Pipe(HostWindows.Window(host, i, values));
        }
    }
}
