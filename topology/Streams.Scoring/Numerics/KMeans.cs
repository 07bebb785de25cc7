namespace Streams.Scoring.Numerics;

/// <summary>
/// Lloyd's k-means with k-means++ seeding from a fixed seed, over row-major points
/// (<c>count × dimension</c>), so the same data and seed always give the same centroids.
/// </summary>
internal static class KMeans
{
    public static double[] Fit(ReadOnlySpan<double> points, int dimension, int k, int iterations, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        var count = points.Length / dimension;
        if (count < k)
        {
            throw new ArgumentException($"k-means needs at least {k} points, got {count}.", nameof(points));
        }

        var centroids = Seed(points, dimension, k, count, new Random(seed));
        var assignment = new int[count];
        var sums = new double[k * dimension];
        var sizes = new int[k];
        for (var iteration = 0; iteration < iterations; iteration++)
        {
            var moved = false;
            for (var i = 0; i < count; i++)
            {
                var nearest = Nearest(centroids, points.Slice(i * dimension, dimension), out _);
                moved |= nearest != assignment[i] || iteration == 0;
                assignment[i] = nearest;
            }

            if (!moved)
            {
                break;
            }

            Array.Clear(sums);
            Array.Clear(sizes);
            for (var i = 0; i < count; i++)
            {
                var c = assignment[i];
                sizes[c]++;
                for (var d = 0; d < dimension; d++)
                {
                    sums[(c * dimension) + d] += points[(i * dimension) + d];
                }
            }

            for (var c = 0; c < k; c++)
            {
                if (sizes[c] == 0)
                {
                    continue;
                }

                for (var d = 0; d < dimension; d++)
                {
                    centroids[(c * dimension) + d] = sums[(c * dimension) + d] / sizes[c];
                }
            }
        }

        return centroids;
    }

    /// <summary>Index of the centroid nearest to <paramref name="point"/>, and the squared distance to it.</summary>
    public static int Nearest(ReadOnlySpan<double> centroids, ReadOnlySpan<double> point, out double squaredDistance)
    {
        var dimension = point.Length;
        var best = 0;
        squaredDistance = double.PositiveInfinity;
        for (var c = 0; c * dimension < centroids.Length; c++)
        {
            var distance = 0.0;
            var centroid = centroids.Slice(c * dimension, dimension);
            for (var d = 0; d < dimension; d++)
            {
                var delta = point[d] - centroid[d];
                distance += delta * delta;
            }

            if (distance < squaredDistance)
            {
                squaredDistance = distance;
                best = c;
            }
        }

        return best;
    }

    private static double[] Seed(ReadOnlySpan<double> points, int dimension, int k, int count, Random random)
    {
        var centroids = new double[k * dimension];
        points.Slice(random.Next(count) * dimension, dimension).CopyTo(centroids);
        var nearest = new double[count];
        for (var c = 1; c < k; c++)
        {
            var total = 0.0;
            for (var i = 0; i < count; i++)
            {
                Nearest(centroids.AsSpan(0, c * dimension), points.Slice(i * dimension, dimension), out nearest[i]);
                total += nearest[i];
            }

            var chosen = count - 1;
            if (total > 0)
            {
                var target = random.NextDouble() * total;
                for (var i = 0; i < count; i++)
                {
                    target -= nearest[i];
                    if (target <= 0)
                    {
                        chosen = i;
                        break;
                    }
                }
            }

            points.Slice(chosen * dimension, dimension).CopyTo(centroids.AsSpan(c * dimension));
        }

        return centroids;
    }
}
