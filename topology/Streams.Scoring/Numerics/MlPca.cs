using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;

namespace Streams.Scoring.Numerics;

/// <summary>
/// Principal components fitted by ML.NET's randomized PCA trainer. Its model parameters hold the
/// basis but no eigenvalues, so each component's variance is measured here by projecting the
/// rows onto it, and the components come back in descending order of that variance.
/// </summary>
internal static class MlPca
{
    /// <summary>
    /// The top <paramref name="rank"/> unit components of already-centred row-major
    /// <paramref name="rows"/> (row-major <c>rank × dimension</c>) and the variance along each.
    /// </summary>
    public static (double[] Variances, double[] Components) Fit(ReadOnlySpan<double> rows, int dimension, int rank, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(rank, dimension);
        var count = rows.Length / dimension;
        if (rank == 0 || count < 2)
        {
            return ([], []);
        }

        var ml = new MLContext(seed);
        // The rows are standardised by the caller (a correlation PCA, which the trainer does not
        // do), so they are centred already and the trainer's own centring is skipped. With the
        // default oversampling of 20 the sketch spans the whole space for hosts of up to
        // rank + 20 features, where the randomized fit is exact to float rounding.
        var trainer = ml.AnomalyDetection.Trainers.RandomizedPca(new RandomizedPcaTrainer.Options
        {
            FeatureColumnName = FeatureRows.Column,
            Rank = rank,
            EnsureZeroMean = false,
            Seed = seed,
        });
        var model = trainer.Fit(FeatureRows.Load(ml, rows, dimension)).Model;
        VBuffer<float>[] vectors = [];
        model.GetEigenVectors(ref vectors, out var fitted);

        var basis = new double[fitted][];
        var variances = new double[fitted];
        for (var c = 0; c < fitted; c++)
        {
            basis[c] = FeatureRows.ToDoubles(vectors[c]);
            Normalize(basis[c]);
            for (var i = 0; i < count; i++)
            {
                var projection = 0.0;
                var row = rows.Slice(i * dimension, dimension);
                for (var d = 0; d < dimension; d++)
                {
                    projection += basis[c][d] * row[d];
                }

                variances[c] += projection * projection;
            }

            variances[c] /= count - 1;
        }

        var order = Enumerable.Range(0, fitted).OrderByDescending(c => variances[c]).ToArray();
        var components = new double[fitted * dimension];
        for (var r = 0; r < fitted; r++)
        {
            basis[order[r]].CopyTo(components, r * dimension);
        }

        return ([.. order.Select(c => variances[c])], components);
    }

    // The float basis is unit length only to float rounding; the reconstruction error assumes
    // unit components, so they are rescaled in double.
    private static void Normalize(double[] vector)
    {
        var norm = Math.Sqrt(vector.Sum(v => v * v));
        if (norm > 0)
        {
            for (var d = 0; d < vector.Length; d++)
            {
                vector[d] /= norm;
            }
        }
    }
}
