using Streams.Scoring.Series;

namespace Streams.Scoring.Tests.Series;

public sealed class SeriesModelTests
{
    internal static double[] Wave(int count, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(i => 50 + (10 * Math.Sin(i * 2 * Math.PI / 60)) + random.NextDouble())];
    }

    [Fact]
    public void Train_SameDataAndSeed_SameCentroidsAndThreshold()
    {
        var values = Wave(3_000, 1);
        var options = new SeriesDetectorOptions { Seed = 9 };

        var a = SeriesModel.Train(values, options);
        var b = SeriesModel.Train(values, options);

        Assert.Equal(a.Centroids.ToArray(), b.Centroids.ToArray());
        Assert.Equal(a.Threshold, b.Threshold);
        Assert.Equal(2 * 6 * sizeof(double) + sizeof(double), a.ParameterBytes);
    }

    [Fact]
    public void Score_SpikeAfterNormalValues_ExceedsThresholdWhileNormalDoesNot()
    {
        var model = SeriesModel.Train(Wave(3_000, 1), new SeriesDetectorOptions());
        var state = new SeriesState(model.Options);
        var normal = Wave(200, 2);
        var highest = normal.Select(v => model.Score(state, v)).Where(d => !double.IsNaN(d)).Max();

        var spike = model.Score(state, normal[^1] + 40);

        Assert.True(highest < model.Threshold, $"normal distance {highest} reached the threshold {model.Threshold}");
        Assert.True(spike > model.Threshold, $"spike distance {spike} stayed under the threshold {model.Threshold}");
    }

    [Fact]
    public void Train_ConstantSeries_OneCentroidAndAMoveStillFlagged()
    {
        var model = SeriesModel.Train(Enumerable.Repeat(7.0, 500).ToArray(), new SeriesDetectorOptions());
        var state = new SeriesState(model.Options);
        foreach (var value in Enumerable.Repeat(7.0, 20))
        {
            Assert.True(!(model.Score(state, value) > model.Threshold));
        }

        Assert.Equal(new double[6], model.Centroids.ToArray());
        Assert.True(model.Score(state, 9) > model.Threshold);
    }

    [Fact]
    public void Train_TooFewValues_Throws()
    {
        Assert.Throws<ArgumentException>(() => SeriesModel.Train([1, 2, 3], new SeriesDetectorOptions()));
    }
}
