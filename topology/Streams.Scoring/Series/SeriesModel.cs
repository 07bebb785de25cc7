using Streams.Scoring.Calibration;
using Streams.Scoring.Numerics;

namespace Streams.Scoring.Series;

/// <summary>
/// A trained per-series detector: k-means centroids over the series' feature vectors and the
/// distance threshold calibrated on held-out training points. Scoring is a nearest-centroid
/// search over <c>Clusters × Dimension</c> doubles: 2 × 6 with Netdata's settings.
/// </summary>
public sealed class SeriesModel
{
    private readonly double[] _centroids;

    internal SeriesModel(SeriesDetectorOptions options, double[] centroids, double threshold)
    {
        Options = options;
        _centroids = centroids;
        Threshold = threshold;
    }

    public SeriesDetectorOptions Options { get; }

    /// <summary>Distance to the nearest centroid above which a point is anomalous.</summary>
    public double Threshold { get; }

    public ReadOnlySpan<double> Centroids => _centroids;

    /// <summary>Bytes of model parameters (centroids and threshold), excluding object headers.</summary>
    public int ParameterBytes => (_centroids.Length + 1) * sizeof(double);

    /// <summary>
    /// Trains on a series' history: fits the centroids and calibrates the threshold on the same
    /// points. Two centroids over hundreds of points barely overfit, so in-sample distances are
    /// fair, and using all of them gives the POT fit enough peaks on short histories.
    /// </summary>
    public static SeriesModel Train(ReadOnlySpan<double> values, SeriesDetectorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var dimension = options.Dimension;
        var count = Math.Max(0, values.Length - options.History + 1);
        if (count < options.Clusters)
        {
            throw new ArgumentException($"A series needs at least {options.History + options.Clusters - 1} values to train, got {values.Length}.", nameof(values));
        }

        var features = Featurize(values, options);
        var centroids = MlKMeans.Fit(features, dimension, options.Clusters, options.Iterations, options.Seed);
        var distances = new double[count];
        for (var i = 0; i < count; i++)
        {
            KMeans.Nearest(centroids, features.AsSpan(i * dimension, dimension), out var squared);
            distances[i] = Math.Sqrt(squared);
        }

        var threshold = ThresholdCalibrator.PeaksOverThreshold(distances, options.Risk);
        return new SeriesModel(options, centroids, Math.Max(threshold, MinimumThreshold(values)));
    }

    /// <summary>Distance of a feature vector to the nearest centroid.</summary>
    public double Distance(ReadOnlySpan<double> features)
    {
        KMeans.Nearest(_centroids, features, out var squared);
        return Math.Sqrt(squared);
    }

    /// <summary>Pushes the value into the series' state and returns the distance, or NaN while the state is not warm.</summary>
    public double Score(SeriesState state, double value)
    {
        ArgumentNullException.ThrowIfNull(state);
        state.Push(value);
        Span<double> features = stackalloc double[Options.Dimension];
        return state.TryWriteFeatures(features) ? Distance(features) : double.NaN;
    }

    internal static double[] Featurize(ReadOnlySpan<double> values, SeriesDetectorOptions options)
    {
        var dimension = options.Dimension;
        var count = Math.Max(0, values.Length - options.History + 1);
        var features = new double[count * dimension];
        var state = new SeriesState(options);
        var row = 0;
        foreach (var value in values)
        {
            state.Push(value);
            if (state.TryWriteFeatures(features.AsSpan(row * dimension, dimension)))
            {
                row++;
            }
        }

        return features;
    }

    // A series that was flat in training would otherwise get a zero threshold and flag any
    // rounding change; 1 % of its training range (or of its level when constant) is the smallest
    // move treated as signal.
    private static double MinimumThreshold(ReadOnlySpan<double> values)
    {
        var min = double.PositiveInfinity;
        var max = double.NegativeInfinity;
        foreach (var value in values)
        {
            min = Math.Min(min, value);
            max = Math.Max(max, value);
        }

        var span = max - min;
        return 0.01 * (span > 0 ? span : Math.Max(Math.Abs(max), 1e-6));
    }
}
