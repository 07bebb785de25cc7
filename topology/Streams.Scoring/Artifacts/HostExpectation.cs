using Streams.Scoring.HostDetection;

namespace Streams.Scoring.Artifacts;

/// <summary>
/// What a host's PCA model expected each feature to be: the window's projection onto the
/// principal subspace, mapped back to the features' units. The anomaly explanation's
/// <c>expected</c> beside the observed value; absent features get the training mean.
/// </summary>
public static class HostExpectation
{
    public static void Expected(HostDetector detector, ReadOnlySpan<double> features, ReadOnlySpan<bool> present, Span<double> expected)
    {
        ArgumentNullException.ThrowIfNull(detector);
        var pca = detector.Pca;
        var mean = pca.Mean;
        var scale = pca.Scale;
        var components = pca.Components;
        var dimension = mean.Length;
        if (features.Length != dimension || expected.Length != dimension || (!present.IsEmpty && present.Length != dimension))
        {
            throw new ArgumentException($"Expected {dimension} features, presence flags and outputs.");
        }

        Span<double> z = dimension <= 256 ? stackalloc double[dimension] : new double[dimension];
        for (var d = 0; d < dimension; d++)
        {
            z[d] = present.IsEmpty || present[d] ? (features[d] - mean[d]) / scale[d] : 0;
        }

        expected.Clear();
        for (var c = 0; c < pca.Rank; c++)
        {
            var component = components.AsSpan(c * dimension, dimension);
            var projection = 0.0;
            for (var d = 0; d < dimension; d++)
            {
                projection += component[d] * z[d];
            }

            for (var d = 0; d < dimension; d++)
            {
                expected[d] += projection * component[d];
            }
        }

        for (var d = 0; d < dimension; d++)
        {
            expected[d] = mean[d] + (expected[d] * scale[d]);
        }
    }
}
