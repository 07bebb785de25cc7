namespace Streams.Scoring.Numerics;

/// <summary>
/// Nearest-centroid search over row-major centroids (<c>k × dimension</c>) as doubles: the
/// scoring side of k-means, allocation-free, on centroids <see cref="MlKMeans"/> fitted.
/// </summary>
internal static class KMeans
{
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
}
