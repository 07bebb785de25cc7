using Streams.Collectors.Replay.Smd;
using Streams.Evaluation.Runs;
using Streams.Scoring.Fleet;
using Streams.Scoring.HostDetection;
using Streams.Scoring.Learning;

namespace Streams.Evaluation.Tests.Runs;

public sealed class SmdEvaluationTests
{
    private static readonly int[] SpikeStarts = [60, 140, 260, 340];

    // Three correlated metrics; in test/ metric 2 jumps to 0.99 for 5 rows at each spike start.
    private static SmdMachine Machine()
    {
        static double[] Rows(int count, int offset, Func<int, bool> spike)
        {
            var random = new Random(offset);
            var rows = new double[count * 3];
            for (var i = 0; i < count; i++)
            {
                var t = (i + offset) * 2 * Math.PI / 50;
                rows[3 * i] = 0.5 + (0.3 * Math.Sin(t)) + (0.01 * random.NextDouble());
                rows[(3 * i) + 1] = spike(i) ? 0.99 : 0.4 + (0.2 * Math.Sin(t + 0.5)) + (0.01 * random.NextDouble());
                rows[(3 * i) + 2] = 0.3 + (0.1 * Math.Cos(t)) + (0.01 * random.NextDouble());
            }

            return rows;
        }

        bool Spike(int i) => SpikeStarts.Any(s => i >= s && i < s + 5);
        var labels = Enumerable.Range(0, 400).Select(Spike).ToArray();
        var segments = SpikeStarts.Select(s => new SmdSegment(s, s + 5, [1])).ToList();
        return new SmdMachine("synthetic", 3, Rows(1_000, 0, _ => false), Rows(400, 1_000, Spike), labels, segments);
    }

    [Fact]
    public void Run_SpikesInOneMetric_DetectsEveryEventAndExplainsIt()
    {
        var result = SmdEvaluation.Run(Machine(), new HostDetectorOptions());

        Assert.Equal(4, result.Counts.EventsDetected);
        // The lag window keeps a jump in view for a few rows after it ends; nothing else may fire.
        Assert.True(result.Counts.Fp <= 4 * 2, $"{result.Counts.Fp} false positives");
        Assert.True(result.HitRate100!.Value > 0.75, $"HitRate@100 {result.HitRate100.Value}");
        Assert.Null(result.Supervised);
    }

    [Fact]
    public void Run_Supervised_EvaluatesPredictorAndEnsembleOnTheSecondHalf()
    {
        var result = SmdEvaluation.Run(Machine(), new HostDetectorOptions(), supervised: true);

        var supervised = Assert.IsType<SupervisedResult>(result.Supervised);
        Assert.Equal(2, supervised.Predictor.Events);
        Assert.Equal(2, supervised.Unsupervised.Events);
        Assert.Equal(200, supervised.Predictor.Tp + supervised.Predictor.Fp + supervised.Predictor.Fn + supervised.Predictor.Tn);
    }

    [Fact]
    public void Run_LiveProtocol_RetrainsOnTheScheduleWithoutLosingRowsAndStillDetects()
    {
        var policy = new RetrainPolicy { FirstWindows = 60, MatureWindows = 240, RetrainEvery = 100, SpanWindows = 480 };

        var result = SmdEvaluation.Run(Machine(), new HostDetectorOptions(), policy);

        Assert.Equal(400, result.Counts.Tp + result.Counts.Fp + result.Counts.Fn + result.Counts.Tn);
        Assert.True(result.Counts.EventsDetected >= 3, $"{result.Counts.EventsDetected} of 4 events after retraining");
        Assert.True(result.Counts.Fp <= 4 * 2, $"{result.Counts.Fp} false positives");
    }

    [Fact]
    public void Run_LiveProtocolOnALevelThatStepsAndStays_AlarmsAtTheStepThenLearnsItAndGoesQuiet()
    {
        // test/ row 100 onwards: metric 1 sits 0.3 higher for good. The live schedule must alarm
        // at the step and learn it once it has lasted IncidentWindows; train-once never does.
        var machine = Machine();
        var test = machine.Test.ToArray();
        for (var i = 100; i < 400; i++)
        {
            test[(3 * i) + 0] += 0.3;
        }

        var stepped = machine with { Test = test, Labels = new bool[400], Interpretation = [] };
        var policy = new RetrainPolicy { FirstWindows = 60, MatureWindows = 120, RetrainEvery = 20, SpanWindows = 160, IncidentWindows = 40 };

        var live = SmdEvaluation.Run(stepped, new HostDetectorOptions(), policy);
        var once = SmdEvaluation.Run(stepped, new HostDetectorOptions());

        Assert.True(live.Counts.Fp > 0, "the step was not noticed");
        Assert.True(live.Counts.Fp < 150, $"{live.Counts.Fp} of 300 stepped rows alarmed: the new level was not learned");
        Assert.True(once.Counts.Fp > 200, $"train-once alarmed on only {once.Counts.Fp} of 300 stepped rows");
    }

    [Fact]
    public void Run_WithoutHistorySpikeBeforeTheFirstModel_IsDetectedOnlyByTheLiveColdStart()
    {
        // A brand-new host: test/ from its first row, one 5-row jump of metric 2 at row 20, before
        // the first model (60 windows); only the cold start's change detector (from row 13) judges it.
        var machine = Machine();
        var test = machine.Train.AsSpan(0, 400 * 3).ToArray();
        var labels = new bool[400];
        for (var i = 20; i < 25; i++)
        {
            test[(3 * i) + 1] = 0.99;
            labels[i] = true;
        }

        var fresh = machine with { Test = test, Labels = labels, Interpretation = [new SmdSegment(20, 25, [1])] };
        var policy = new RetrainPolicy();

        var with = SmdEvaluation.Run(fresh, new HostDetectorOptions(), policy, coldStart: new ColdStartOptions(), history: false);
        var without = SmdEvaluation.Run(fresh, new HostDetectorOptions(), policy, history: false);

        Assert.Equal(1, with.Counts.EventsDetected);
        Assert.Equal(0, without.Counts.EventsDetected);
        Assert.Equal(400, with.Counts.Tp + with.Counts.Fp + with.Counts.Fn + with.Counts.Tn);
    }

    [Fact]
    public void Run_DefaultLiveProtocol_FiguresAreTheSameWithAndWithoutTheColdStart()
    {
        // With train/ as history the cold start judges only train/'s first windows, which are not
        // scored: the default protocol's figures must not move.
        var policy = new RetrainPolicy { FirstWindows = 60, MatureWindows = 240, RetrainEvery = 100, SpanWindows = 480 };

        var with = SmdEvaluation.Run(Machine(), new HostDetectorOptions(), policy, coldStart: new ColdStartOptions());
        var without = SmdEvaluation.Run(Machine(), new HostDetectorOptions(), policy);

        Assert.Equal(without.Counts, with.Counts);
        Assert.Equal(without.Affiliation, with.Affiliation);
        Assert.Equal(without.Range, with.Range);
        Assert.Equal(without.Ceiling, with.Ceiling);
        Assert.Equal(without.HitRate100!.Value, with.HitRate100!.Value);
        Assert.Equal(without.Delays.MedianWindows, with.Delays.MedianWindows);
    }

    [Fact]
    public void Run_WithoutHistoryAndTrainOnce_Throws()
    {
        Assert.Throws<ArgumentException>(() => SmdEvaluation.Run(Machine(), new HostDetectorOptions(), policy: null, history: false));
    }
}
