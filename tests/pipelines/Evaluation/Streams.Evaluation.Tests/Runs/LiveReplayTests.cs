using Streams.Alerting.Rules;
using Streams.Evaluation.Runs;
using Streams.Scoring.HostDetection;
using Streams.Scoring.Learning;
using Streams.Topology.Scoring;

namespace Streams.Evaluation.Tests.Runs;

public sealed class LiveReplayTests
{
    private const int Rows = 1_500;
    private const int Step = 800;

    // Each window through the live scorer's defaults and the default alert rules: the windows in
    // which the anomaly rule started firing, and those a model or the cold start found anomalous.
    private static (List<int> Fired, int Anomalies, int Models, List<int> ColdStartAnomalies) Replay(double[] series, bool coldStart = false)
    {
        var live = new ScoreOptions();
        var replay = new LiveReplay(["value"], live.Detector, live.Learning, coldStart ? live.ColdStart : null);
        var alerts = new AlertReplay("host-a", ["value"], DefaultRules.All, NabEvaluation.AnomalyRule, live.WindowSizeMs, live.TopContributions);
        var fired = new List<int>();
        var coldStartAnomalies = new List<int>();
        var anomalies = 0;
        for (var i = 0; i < series.Length; i++)
        {
            double[] values = [series[i]];
            var score = replay.Next(values);
            anomalies += score is { IsAnomaly: true } ? 1 : 0;
            if (replay.ColdStartVerdict is { IsAnomaly: true })
            {
                coldStartAnomalies.Add(i);
            }

            if (alerts.Next(i, values, replay, score).Fired)
            {
                fired.Add(i);
            }
        }

        return (fired, anomalies, replay.Models, coldStartAnomalies);
    }

    [Fact]
    public void Next_LevelThatStepsAndStays_FiresOneAlertAtTheStep()
    {
        var (fired, anomalies, _, _) = Replay(SyntheticSeries.Cycle(Rows, Step));

        // Many anomalous windows, one incident: the alert fires within a few windows of the step and not again.
        Assert.True(anomalies > 2, $"{anomalies} anomalous windows");
        var at = Assert.Single(fired);
        Assert.InRange(at, Step, Step + 5);
    }

    [Fact]
    public void Next_StepBeforeTheFirstModel_TheLiveColdStartFlagsItsFirstWindowOnly()
    {
        // The first model comes after 60 windows; the cold start's change detector judges from the 13th.
        var series = SyntheticSeries.Cycle(60, step: 30);

        var without = Replay(series);
        var with = Replay(series, coldStart: true);

        Assert.Empty(without.ColdStartAnomalies);
        Assert.Equal([30], with.ColdStartAnomalies);

        // One anomalous window is no sustained anomaly (the rule asks for 2 in a row), as live:
        // the change detector has absorbed a step by its second window.
        Assert.Empty(with.Fired);
    }

    [Fact]
    public void Next_SpikeAtWindow20OfANewSeries_IsFlaggedByTheColdStartsChangeDetector()
    {
        var live = new ScoreOptions();
        var series = SyntheticSeries.Cycle(40, step: null);
        series[20] += 10;

        var with = new LiveReplay(["value"], live.Detector, live.Learning, live.ColdStart);
        var without = new LiveReplay(["value"], live.Detector, live.Learning);
        var flagged = new List<int>();
        for (var i = 0; i < series.Length; i++)
        {
            Assert.Null(with.Next([series[i]]));
            Assert.Null(without.Next([series[i]]));
            if (with.IsAnomaly)
            {
                flagged.Add(i);
                Assert.True(with.Ratio > 1, $"ratio {with.Ratio} at {i}");
            }

            // Nothing judges the first 12 windows; then the change detector does, well under its threshold on the cycle.
            Assert.Equal(i < live.ColdStart.ChangeSpan, with.ColdStartVerdict is null);
            Assert.False(without.IsAnomaly);
            Assert.Equal(0, without.Ratio);
        }

        Assert.Equal([20], flagged);
    }

    [Fact]
    public void Next_SurgeOverTwoWindowsBeforeTheFirstModel_FiresTheAlertOnlyWithTheLiveColdStart()
    {
        var series = SyntheticSeries.Cycle(60, step: null);
        series[30] += 10;
        for (var i = 31; i < series.Length; i++)
        {
            series[i] += 50;
        }

        Assert.Empty(Replay(series).Fired);
        Assert.Equal([31], Replay(series, coldStart: true).Fired);
    }

    [Fact]
    public void Next_WindowOfTheFirstFit_IsStillReportedAsTheColdStartJudgedIt()
    {
        var live = new ScoreOptions();
        var replay = new LiveReplay(["value"], live.Detector, live.Learning, live.ColdStart);
        var series = SyntheticSeries.Cycle(live.Learning.FirstWindows, step: null);
        for (var i = 0; i < series.Length; i++)
        {
            Assert.Null(replay.Next([series[i]]));
        }

        // The last window made the first model due: it was judged by the cold start, then the model was fitted.
        Assert.NotNull(replay.Host);
        Assert.NotNull(replay.ColdStartVerdict);
        Assert.NotNull(replay.ColdStart);

        Assert.NotNull(replay.Next([10.0]));
        Assert.Null(replay.ColdStartVerdict);
        Assert.Null(replay.ColdStart);
    }

    [Fact]
    public void Next_StationarySeriesWithColdStart_RaisesNothing()
    {
        Assert.Empty(Replay(SyntheticSeries.Cycle(Rows, null), coldStart: true).Fired);
    }

    [Fact]
    public void Next_StationarySeries_RaisesNothing()
    {
        var (fired, _, models, _) = Replay(SyntheticSeries.Cycle(Rows, null));

        Assert.True(models >= 4, $"{models} models: the schedule did not run");
        Assert.Empty(fired);
    }

    [Fact]
    public void Next_FlatSeries_RaisesNothing()
    {
        var (fired, anomalies, _, _) = Replay([.. Enumerable.Repeat(42.0, Rows)]);

        Assert.Equal(0, anomalies);
        Assert.Empty(fired);
    }

    [Fact]
    public void Next_LiveSchedule_ScoresFromTheFirstModelOnAndRetrainsOnTheCadence()
    {
        var policy = new RetrainPolicy { FirstWindows = 60, MatureWindows = 120, RetrainEvery = 100, SpanWindows = 240 };
        var replay = new LiveReplay(["value"], new HostDetectorOptions(), policy);
        var series = SyntheticSeries.Cycle(500, null);

        var scored = Enumerable.Range(0, series.Length).Select(i => replay.Next([series[i]]) is not null).ToArray();

        // Models at 60 (first), 120 (mature), then 220, 320, 420; the first scores window 60 on.
        Assert.All(scored.Take(60), s => Assert.False(s));
        Assert.All(scored.Skip(60), Assert.True);
        Assert.Equal(5, replay.Models);
    }

    [Fact]
    public void TrainOnce_WithoutPolicy_ScoresEveryWindowWithOneModel()
    {
        var replay = new LiveReplay(["value"], new HostDetectorOptions(), policy: null);
        replay.TrainOnce(SyntheticSeries.Cycle(400, null));
        var series = SyntheticSeries.Cycle(100, null, seed: 8);

        Assert.All(series, v => Assert.NotNull(replay.Next([v])));
        Assert.Equal(1, replay.Models);
    }
}
