using Streams.Scoring.Numerics;

namespace Streams.Scoring.Tests.Numerics;

public sealed class KMeansTests
{
    private static double[] TwoBlobs()
    {
        var random = new Random(7);
        var points = new double[200 * 2];
        for (var i = 0; i < 200; i++)
        {
            var centre = i % 2 == 0 ? 0.0 : 10.0;
            points[2 * i] = centre + random.NextDouble();
            points[(2 * i) + 1] = centre + random.NextDouble();
        }

        return points;
    }

    [Fact]
    public void Fit_TwoSeparatedBlobs_FindsBothCentres()
    {
        var centroids = KMeans.Fit(TwoBlobs(), 2, 2, 30, seed: 1);

        var xs = new[] { centroids[0], centroids[2] }.Order().ToArray();
        Assert.InRange(xs[0], 0.3, 0.7);
        Assert.InRange(xs[1], 10.3, 10.7);
    }

    [Fact]
    public void Fit_SameSeed_SameCentroids()
    {
        var points = TwoBlobs();

        Assert.Equal(KMeans.Fit(points, 2, 3, 30, seed: 5), KMeans.Fit(points, 2, 3, 30, seed: 5));
    }

    [Fact]
    public void Nearest_Point_ReturnsIndexAndSquaredDistance()
    {
        var index = KMeans.Nearest([0, 0, 10, 10], [9, 10], out var squared);

        Assert.Equal(1, index);
        Assert.Equal(1, squared, 12);
    }
}
