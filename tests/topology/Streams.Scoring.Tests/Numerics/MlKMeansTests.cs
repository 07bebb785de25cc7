using Streams.Scoring.Numerics;

namespace Streams.Scoring.Tests.Numerics;

public sealed class MlKMeansTests
{
    private static double[] TwoBlobs(double offset = 0)
    {
        var random = new Random(7);
        var points = new double[200 * 2];
        for (var i = 0; i < 200; i++)
        {
            var centre = offset + (i % 2 == 0 ? 0.0 : 10.0);
            points[2 * i] = centre + random.NextDouble();
            points[(2 * i) + 1] = centre + random.NextDouble();
        }

        return points;
    }

    [Fact]
    public void Fit_TwoSeparatedBlobs_FindsBothCentres()
    {
        var centroids = MlKMeans.Fit(TwoBlobs(), 2, 2, 30, seed: 1);

        var xs = new[] { centroids[0], centroids[2] }.Order().ToArray();
        Assert.InRange(xs[0], 0.3, 0.7);
        Assert.InRange(xs[1], 10.3, 10.7);
    }

    [Fact]
    public void Fit_BlobsOnALargeLevel_FindsBothCentresDespiteFloatTraining()
    {
        // At 1e7 a float resolves 1, and |x|² of the trainer's distance formula only 1e7.
        var centroids = MlKMeans.Fit(TwoBlobs(1e7), 2, 2, 30, seed: 1);

        var xs = new[] { centroids[0], centroids[2] }.Order().ToArray();
        Assert.InRange(xs[0], 1e7 + 0.3, 1e7 + 0.7);
        Assert.InRange(xs[1], 1e7 + 10.3, 1e7 + 10.7);
    }

    [Fact]
    public void Fit_SameSeed_SameCentroids()
    {
        var points = TwoBlobs();

        Assert.Equal(MlKMeans.Fit(points, 2, 3, 30, seed: 5), MlKMeans.Fit(points, 2, 3, 30, seed: 5));
    }

    [Fact]
    public void Fit_FewerDistinctPointsThanClusters_ReturnsThosePoints()
    {
        double[] points = [3, 4, 3, 4, 3, 4, 3, 4];

        Assert.Equal([3, 4], MlKMeans.Fit(points, 2, 2, 30, seed: 1));
    }

    [Fact]
    public void Nearest_Point_ReturnsIndexAndSquaredDistance()
    {
        var index = KMeans.Nearest([0, 0, 10, 10], [9, 10], out var squared);

        Assert.Equal(1, index);
        Assert.Equal(1, squared, 12);
    }
}
