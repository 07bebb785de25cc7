using Streams.Scoring.Change;
using Streams.Scoring.HostDetection;

namespace Streams.Scoring.Tests.HostDetection;

public sealed class HostDetectorTests
{
    private static readonly string[] Names = ["cpu", "load", "mem", "disk", "net"];

    // Five metrics driven by two latent loads, as a host's metrics are, plus a little noise.
    private static double[] Rows(int count, int seed)
    {
        var random = new Random(seed);
        var rows = new double[count * Names.Length];
        for (var i = 0; i < count; i++)
        {
            var daily = Math.Sin(i * 2 * Math.PI / 288);
            var batch = Math.Cos(i * 2 * Math.PI / 97);
            double[] row = [0.5 + (0.3 * daily), 0.4 + (0.2 * daily) + (0.1 * batch), 0.6 + (0.2 * batch), 0.3 + (0.1 * daily) - (0.1 * batch), 0.5 + (0.25 * daily)];
            for (var d = 0; d < row.Length; d++)
            {
                rows[(i * Names.Length) + d] = row[d] + (0.01 * random.NextDouble());
            }
        }

        return rows;
    }

    [Fact]
    public void Score_OneMetricBrokenAwayFromTheOthers_ExplainsItWithThatMetric()
    {
        var detector = HostDetector.Train(Names, Rows(3_000, 1), new HostDetectorOptions());
        var scorer = new HostScorer(detector);
        var test = Rows(300, 2);
        for (var i = 0; i < 200; i++)
        {
            Assert.False(scorer.Score(test.AsSpan(i * 5, 5), default).IsAnomaly, $"normal window {i} flagged");
        }

        HostScore score = default;
        for (var i = 200; i < 205; i++)
        {
            var window = test.AsSpan(i * 5, 5).ToArray();
            window[3] += 0.4;
            score = scorer.Score(window, default);
        }

        Assert.True(score.IsAnomaly);
        Assert.True(score.Score > score.Threshold);
        var top = scorer.TopContributions(2);
        Assert.Equal("disk", top[0].Name);
        Assert.True(top[0].Share > 0.5, $"disk explains only {top[0].Share:P0}");
        Assert.True(top[0].SeriesRatio > 1);
    }

    [Fact]
    public void Score_SingleWindowBlip_NotAnomalousUnderMinimumDurations()
    {
        var options = new HostDetectorOptions { MinDuration = 2, Change = new ChangeOptions { MinDuration = 2 } };
        var detector = HostDetector.Train(Names, Rows(3_000, 1), options);
        var (scorer, blip) = WarmedWithBlipNext(detector);

        var score = scorer.Score(blip, default);

        Assert.True(score.Score > score.Threshold);
        Assert.True(score.ChangeRatio > 1, $"change ratio {score.ChangeRatio}");
        Assert.False(score.IsAnomaly);
    }

    [Fact]
    public void Score_SuddenChange_AnomalousFromItsFirstWindowExplainedByTheMetricThatMoved()
    {
        var detector = HostDetector.Train(Names, Rows(3_000, 1), new HostDetectorOptions { MinDuration = 2 });
        var (scorer, blip) = WarmedWithBlipNext(detector);

        var score = scorer.Score(blip, default);

        Assert.True(score.ChangeRatio > 1, $"change ratio {score.ChangeRatio}");
        Assert.True(score.IsAnomaly);
        Assert.Equal("cpu", scorer.TopContributions(1)[0].Name);
        Assert.True(scorer.Shares[0] > 0.5, $"cpu explains only {scorer.Shares[0]:P0}");
    }

    [Fact]
    public void Score_SuddenChangeOfADampedMetric_ChangeDetectorDividesItsDeviationByTheFactor()
    {
        var rows = Rows(3_000, 1);
        var (plain, blip) = WarmedWithBlipNext(HostDetector.Train(Names, rows, new HostDetectorOptions()));
        var (damped, _) = WarmedWithBlipNext(HostDetector.Train(Names, rows, new HostDetectorOptions { ThresholdScale = new Dictionary<string, double> { ["cpu"] = 100 } }));

        Assert.True(plain.Score(blip, default).ChangeRatio > 1);
        Assert.True(damped.Score(blip, default).ChangeRatio < 1);
    }

    [Fact]
    public void Score_NormalWindowsAfterWarmUp_ChangeDetectorQuiet()
    {
        var detector = HostDetector.Train(Names, Rows(3_000, 1), new HostDetectorOptions());
        var scorer = new HostScorer(detector);
        var test = Rows(600, 3);
        var changes = 0;
        for (var i = 0; i < 600; i++)
        {
            changes += scorer.Score(test.AsSpan(i * 5, 5), default).ChangeRatio > 1 ? 1 : 0;
        }

        Assert.True(changes <= 6, $"{changes} of 600 normal windows over the change threshold");
    }

    // A scorer that has seen 300 normal windows (every change span warm), and a window whose cpu jumps by half its range.
    private static (HostScorer Scorer, double[] Blip) WarmedWithBlipNext(HostDetector detector)
    {
        var scorer = new HostScorer(detector);
        var test = Rows(301, 3);
        for (var i = 0; i < 300; i++)
        {
            scorer.Score(test.AsSpan(i * 5, 5), default);
        }

        var blip = test.AsSpan(300 * 5, 5).ToArray();
        blip[0] += 0.5;
        return (scorer, blip);
    }

    [Fact]
    public void Train_SameDataAndSeed_SameThresholdsAndScores()
    {
        var rows = Rows(2_000, 5);
        var a = HostDetector.Train(Names, rows, new HostDetectorOptions());
        var b = HostDetector.Train(Names, rows, new HostDetectorOptions());
        var test = Rows(50, 6);
        var scorerA = new HostScorer(a);
        var scorerB = new HostScorer(b);

        Assert.Equal(a.Threshold, b.Threshold);
        Assert.Equal(a.Pca.Threshold, b.Pca.Threshold);
        for (var i = 0; i < 50; i++)
        {
            Assert.Equal(scorerA.Score(test.AsSpan(i * 5, 5), default), scorerB.Score(test.AsSpan(i * 5, 5), default));
        }
    }

    [Fact]
    public void Train_ThresholdScaleOverride_ScalesThatSeriesThresholdOnly()
    {
        var rows = Rows(2_000, 5);
        var plain = HostDetector.Train(Names, rows, new HostDetectorOptions());
        var damped = HostDetector.Train(Names, rows, new HostDetectorOptions { ThresholdScale = new Dictionary<string, double> { ["mem"] = 3 } });

        Assert.Equal(3 * plain.SeriesThreshold(2), damped.SeriesThreshold(2), 12);
        Assert.Equal(plain.SeriesThreshold(0), damped.SeriesThreshold(0));
    }

    [Fact]
    public void Score_AbsentMetric_ContributesNothing()
    {
        var detector = HostDetector.Train(Names, Rows(2_000, 5), new HostDetectorOptions());
        var scorer = new HostScorer(detector);
        var window = Rows(1, 7);
        window[1] = 1e6;

        scorer.Score(window, [true, false, true, true, true]);

        Assert.Equal(0, scorer.Shares[1]);
        Assert.Equal(0, scorer.SeriesRatios[1]);
    }

    [Fact]
    public void Swap_NewVersionMidStream_ScoresTheNextWindowAsIfItHadRunThroughout()
    {
        var first = HostDetector.Train(Names, Rows(2_000, 5), new HostDetectorOptions());
        var second = HostDetector.Train(Names, Rows(2_000, 8), new HostDetectorOptions());
        var swapped = new HostScorer(first);
        var reference = new HostScorer(second);
        var test = Rows(150, 9);
        for (var i = 0; i < 100; i++)
        {
            swapped.Score(test.AsSpan(i * 5, 5), default);
            reference.Score(test.AsSpan(i * 5, 5), default);
        }

        swapped.Swap(second);

        for (var i = 100; i < 150; i++)
        {
            Assert.Equal(reference.Score(test.AsSpan(i * 5, 5), default).Score, swapped.Score(test.AsSpan(i * 5, 5), default).Score);
        }

        Assert.Same(second, swapped.Detector);
    }

    [Fact]
    public void Score_HostWithOneSeries_ItsSeriesDetectorCanRaiseItDespiteTheConsensusOfTwo()
    {
        var values = Rows(3_000, 1).Where((_, i) => i % Names.Length == 0).ToArray();
        var detector = HostDetector.Train(["cpu"], values, new HostDetectorOptions { Consensus = 2 });
        var scorer = new HostScorer(detector);
        for (var i = 0; i < 50; i++)
        {
            scorer.Score(values.AsSpan(i, 1), default);
        }

        var score = scorer.Score([values[50] + 0.5], default);

        Assert.True(scorer.SeriesRatios[0] > 1, $"series ratio {scorer.SeriesRatios[0]}");
        Assert.Equal(0, score.ChangeRatio);
        Assert.True(score.Score >= scorer.SeriesRatios[0], $"score {score.Score} under the series ratio {scorer.SeriesRatios[0]}");
    }

    [Fact]
    public void Swap_DifferentFeatureCount_Throws()
    {
        var scorer = new HostScorer(HostDetector.Train(Names, Rows(500, 1), new HostDetectorOptions()));
        var other = HostDetector.Train(["a", "b"], new double[1_000].Select((_, i) => Math.Sin(i)).ToArray(), new HostDetectorOptions());

        Assert.Throws<ArgumentException>(() => scorer.Swap(other));
    }

    [Fact]
    public void Train_NonPositiveOverride_Throws()
    {
        var options = new HostDetectorOptions { ThresholdScale = new Dictionary<string, double> { ["cpu"] = 0 } };

        Assert.Throws<ArgumentOutOfRangeException>(() => HostDetector.Train(Names, Rows(500, 1), options));
    }
}
