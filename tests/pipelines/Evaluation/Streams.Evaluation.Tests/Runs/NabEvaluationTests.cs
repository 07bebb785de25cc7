using Streams.Collectors.Replay.Nab;
using Streams.Evaluation.Metrics;
using Streams.Evaluation.Runs;
using Streams.Scoring.Series;
using Streams.Topology.Scoring;

namespace Streams.Evaluation.Tests.Runs;

public sealed class NabEvaluationTests
{
    private const int Rows = 1_500;

    // A NAB file at NAB's 5-minute spacing with one labelled window.
    private static NabFile File(double[] values, (int Start, int End) window)
    {
        var start = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var timestamps = Enumerable.Range(0, Rows).Select(i => start.AddMinutes(5 * i)).ToArray();
        return new NabFile("synthetic/step.csv", timestamps, values, [window]);
    }

    [Fact]
    public void Run_StepAfterProbation_OneAlertInTheWindowIsOneEarlyDetection()
    {
        // Probation is 15 % of 1500 rows = 225; the window [790, 830] holds the step at 800.
        var result = NabEvaluation.Run(File(SyntheticSeries.Cycle(Rows, 800), (790, 830)), new ScoreOptions(), new SeriesDetectorOptions());

        Assert.Equal(1, result.AlertsFired);
        Assert.Equal(1, result.NabWindows);
        Assert.Equal(1, result.Counts.EventsDetected);
        // One detection in the window's first half, within 5 rows of the step: most of the true-positive reward, nothing against it.
        var reward = NabScorer.Sigmoid(-(830 - 800 + 1) / 41.0) / NabScorer.Sigmoid(-1);
        Assert.InRange(result.NabRaw!.Value.Standard, NabScorer.Sigmoid(-(830 - 805 + 1) / 41.0) / NabScorer.Sigmoid(-1), reward);
        // The rows are 5 minutes apart in the file: the delay is reported in the file's time.
        Assert.Equal(300 * result.Delays.MedianWindows, result.Delays.MedianSeconds, 9);
    }

    [Fact]
    public void Run_BumpInsideProbation_IsNotCounted()
    {
        // The live scorer's first model (60 windows) precedes NAB's probation end (225): a 5-row bump
        // at 150 fires an alert, which NAB's scorer ignores, and the window after probation goes unfound.
        var values = SyntheticSeries.Cycle(Rows, null);
        for (var i = 150; i < 155; i++)
        {
            values[i] += 5;
        }

        var result = NabEvaluation.Run(File(values, (1_000, 1_040)), new ScoreOptions(), new SeriesDetectorOptions());

        Assert.True(result.AlertsFired >= 1, "the step in probation raised no alert");
        Assert.Equal(-NabProfile.Standard.FalseNegative, result.NabRaw!.Value.Standard, 9);
    }

    [Fact]
    public void Run_ReportsTheSideDetectorBeside()
    {
        var result = NabEvaluation.Run(File(SyntheticSeries.Cycle(Rows, 800), (790, 830)), new ScoreOptions(), new SeriesDetectorOptions());

        var side = Assert.IsType<FileResult>(result.Side);
        Assert.Null(side.AlertsFired);
        Assert.NotNull(side.NabRaw);
        Assert.Equal(Rows, side.Counts.Tp + side.Counts.Fp + side.Counts.Fn + side.Counts.Tn);
    }
}
