using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;

namespace Streams.Scoring.Numerics;

/// <summary>
/// k-means fitted by ML.NET's trainer (k-means++ seeding, one thread, the context seeded, so the
/// same points and seed give the same centroids); returns the centroids row-major as doubles for
/// <see cref="KMeans.Nearest"/> to score with.
/// </summary>
internal static class MlKMeans
{
    // The trainer stops once an iteration improves the mean distance by less than this share.
    // Its default, 1e-7, ran every fit to the iteration cap for the same centroids: SMD and NAB
    // gave identical figures at 1e-4, with NAB's online refits twice as fast.
    private const float Tolerance = 1e-4f;

    public static double[] Fit(ReadOnlySpan<double> points, int dimension, int k, int iterations, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        var count = points.Length / dimension;
        if (count < k)
        {
            throw new ArgumentException($"k-means needs at least {k} points, got {count}.", nameof(points));
        }

        // The trainer measures distances in float as |x|² - 2x·c + |c|², which cancels to noise on
        // large raw levels (NAB's byte counts); centring and one common scale keep its arithmetic
        // near unit size without changing which points are close.
        var (centre, scale) = Frame(points, dimension);
        var framed = new double[points.Length];
        for (var i = 0; i < points.Length; i++)
        {
            framed[i] = (float)((points[i] - centre[i % dimension]) / scale);
        }

        // Its k-means++ throws when there are fewer distinct points than clusters (a series that
        // was constant in training); those points are then the exact optimum.
        var centroids = Distinct(framed, dimension, k);
        if (centroids.Length == k * dimension)
        {
            centroids = Train(framed, dimension, k, iterations, seed);
        }

        for (var i = 0; i < centroids.Length; i++)
        {
            centroids[i] = (centroids[i] * scale) + centre[i % dimension];
        }

        return centroids;
    }

    private static double[] Train(double[] points, int dimension, int k, int iterations, int seed)
    {
        var ml = new MLContext(seed);
        var trainer = ml.Clustering.Trainers.KMeans(new KMeansTrainer.Options
        {
            FeatureColumnName = FeatureRows.Column,
            NumberOfClusters = k,
            InitializationAlgorithm = KMeansTrainer.InitializationAlgorithm.KMeansPlusPlus,
            MaximumNumberOfIterations = iterations,
            OptimizationTolerance = Tolerance,
            NumberOfThreads = 1,
        });
        var model = trainer.Fit(FeatureRows.Load(ml, points, dimension)).Model;
        VBuffer<float>[] centroids = [];
        model.GetClusterCentroids(ref centroids, out var fitted);
        var flat = new double[fitted * dimension];
        for (var c = 0; c < fitted; c++)
        {
            FeatureRows.ToDoubles(centroids[c]).CopyTo(flat, c * dimension);
        }

        return flat;
    }

    // Per-dimension mean, and the root mean square distance from it (1 when all points coincide).
    private static (double[] Centre, double Scale) Frame(ReadOnlySpan<double> points, int dimension)
    {
        var count = points.Length / dimension;
        var centre = new double[dimension];
        for (var i = 0; i < points.Length; i++)
        {
            centre[i % dimension] += points[i] / count;
        }

        var squares = 0.0;
        for (var i = 0; i < points.Length; i++)
        {
            var delta = points[i] - centre[i % dimension];
            squares += delta * delta;
        }

        var scale = Math.Sqrt(squares / count);
        return (centre, scale > 0 ? scale : 1);
    }

    // Up to k distinct points, row-major.
    private static double[] Distinct(double[] points, int dimension, int k)
    {
        var found = new List<double[]>(k);
        for (var i = 0; i < points.Length / dimension && found.Count < k; i++)
        {
            var point = points[(i * dimension)..((i + 1) * dimension)];
            if (!found.Exists(point.SequenceEqual))
            {
                found.Add(point);
            }
        }

        return [.. found.SelectMany(p => p)];
    }
}
