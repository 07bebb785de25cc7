using Streams.Scoring.Change;

namespace Streams.Scoring.Tests.Change;

public sealed class ChangeModelTests
{
    private static readonly ChangeOptions Options = new() { Spans = [10, 20], Floors = [0.02, 0.05], Tops = [1, 2] };

    private static double[] Noise(int rows, int dimension, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, rows * dimension).Select(i => (0.3 * (i % dimension)) + (0.05 * random.NextDouble()))];
    }

    [Fact]
    public void Train_Noise_EveryThresholdAtLeastOneAndAboutTheAlarmRateOfWindowsOver()
    {
        var rows = Noise(4_000, 3, 1);

        var model = ChangeModel.Train(rows, 3, Options, 0.01);

        Assert.Equal(8, model.Thresholds.Length);
        Assert.All(model.Thresholds.ToArray(), t => Assert.True(t >= 1, $"threshold {t}"));
        Assert.True(double.IsFinite(model.Threshold));
        var state = new ChangeState(Options, 3);
        var raw = new double[8];
        var over = 0;
        var scored = 0;
        var fresh = Noise(4_000, 3, 2);
        for (var i = 0; i < 4_000; i++)
        {
            state.Next(fresh.AsSpan(i * 3, 3), default, model.Scales, raw);
            if (i >= 20)
            {
                scored++;
                over += model.Ratio(raw) > model.Threshold ? 1 : 0;
            }
        }

        Assert.InRange(over / (double)scored, 0.0, 0.03);
    }

    [Fact]
    public void Train_ScalesAreTrainingRangesOrMagnitudeForFlatMetrics()
    {
        double[] rows = [0, 5, 0, 2, 5, 0, 4, 5, 0];

        var model = ChangeModel.Train(rows, 3, Options, 0.01);

        Assert.Equal([4.0, 5.0, 1.0], model.Scales.ToArray());
    }

    [Fact]
    public void Train_HistoryShorterThanTheLongestSpan_NeverAlarms()
    {
        var model = ChangeModel.Train(Noise(15, 2, 3), 2, Options, 0.01);

        Assert.Equal(double.PositiveInfinity, model.Threshold);
    }

    [Fact]
    public void Ratio_IsTheMedianOfEachDetectorOverItsThreshold_WarmingDetectorsCountingZero()
    {
        var model = ChangeModel.Train(Noise(1_000, 2, 4), 2, Options, 0.01);
        var thresholds = model.Thresholds.ToArray();
        double[] raw = [.. thresholds.Select((t, c) => t * (c + 1))];
        raw[0] = double.NaN;
        raw[1] = double.NaN;

        // Ratios 0, 0, 3, 4, 5, 6, 7, 8: the median is (4 + 5) / 2.
        Assert.Equal(4.5, model.Ratio(raw), 9);
    }

    [Fact]
    public void Train_SameData_SameModel()
    {
        var rows = Noise(1_000, 3, 5);

        var a = ChangeModel.Train(rows, 3, Options, 0.01);
        var b = ChangeModel.Train(rows, 3, Options, 0.01);

        Assert.Equal(a.Thresholds.ToArray(), b.Thresholds.ToArray());
        Assert.Equal(a.Threshold, b.Threshold);
    }
}
