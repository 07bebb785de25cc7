using Streams.Scoring.Calibration;
using Streams.Scoring.Numerics;

namespace Streams.Scoring.HostDetection;

/// <summary>
/// Principal-component model of a host's standardized feature vector. The anomaly score is the
/// squared reconstruction error outside the principal subspace, and each feature's squared
/// residual is its share of that error: the explanation. The components are fitted by ML.NET's
/// RandomizedPca, but scored here: its scorer returns the error as one number and no
/// per-feature residuals, and runs through a data view per row.
/// </summary>
public sealed class HostPcaModel
{
    private readonly double[] _mean;
    private readonly double[] _scale;
    private readonly double[] _components;

    /// <summary>Per-feature means of the training rows (what an artifact saves).</summary>
    internal double[] Mean => _mean;

    /// <summary>Per-feature scales the rows were standardised with.</summary>
    internal double[] Scale => _scale;

    /// <summary>The principal components, row-major.</summary>
    internal double[] Components => _components;

    internal HostPcaModel(double[] mean, double[] scale, double[] components, int rank, double threshold)
    {
        _mean = mean;
        _scale = scale;
        _components = components;
        Rank = rank;
        Threshold = threshold;
    }

    public int Dimension => _mean.Length;

    /// <summary>Number of principal components kept.</summary>
    public int Rank { get; }

    /// <summary>Reconstruction error above which a vector is anomalous.</summary>
    public double Threshold { get; }

    public int ParameterBytes => (_mean.Length + _scale.Length + _components.Length + 1) * sizeof(double);

    /// <summary>
    /// Fits on <paramref name="rows"/> (time order, row-major <c>count × dimension</c>): the first
    /// part sets the standardization and components, the held-out tail calibrates the threshold.
    /// </summary>
    public static HostPcaModel Train(ReadOnlySpan<double> rows, int dimension, HostDetectorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        var count = rows.Length / dimension;
        var fitCount = (int)(count * (1 - options.CalibrationFraction));
        if (fitCount < 2 || count * dimension != rows.Length)
        {
            throw new ArgumentException($"PCA needs whole rows and at least 2 of them to fit; got {rows.Length} values for dimension {dimension}.", nameof(rows));
        }

        var fit = rows[..(fitCount * dimension)];
        var mean = new double[dimension];
        for (var i = 0; i < fitCount; i++)
        {
            for (var d = 0; d < dimension; d++)
            {
                mean[d] += fit[(i * dimension) + d];
            }
        }

        for (var d = 0; d < dimension; d++)
        {
            mean[d] /= fitCount;
        }

        var variance = new double[dimension];
        for (var i = 0; i < fitCount; i++)
        {
            for (var d = 0; d < dimension; d++)
            {
                var centered = fit[(i * dimension) + d] - mean[d];
                variance[d] += centered * centered;
            }
        }

        var scale = new double[dimension];
        var total = 0.0;
        for (var d = 0; d < dimension; d++)
        {
            var std = Math.Sqrt(variance[d] / (fitCount - 1));
            scale[d] = Math.Max(std, Math.Max(options.MinScale, 0.01 * Math.Abs(mean[d])));
            total += variance[d] / (fitCount - 1) / (scale[d] * scale[d]);
        }

        var standardized = new double[fitCount * dimension];
        for (var i = 0; i < fitCount; i++)
        {
            for (var d = 0; d < dimension; d++)
            {
                standardized[(i * dimension) + d] = (fit[(i * dimension) + d] - mean[d]) / scale[d];
            }
        }

        // The total variance is the correlation matrix's trace: the sum of all its eigenvalues,
        // of which only the leading ones are fitted. The series' seed seeds the whole ensemble,
        // so the one seed `streams train --seed` sets makes the host's training repeatable.
        var (values, vectors) = MlPca.Fit(standardized, dimension, Math.Min(dimension - 1, options.MaxComponents), options.Series.Seed);
        var rank = 0;
        for (var kept = 0.0; rank < values.Length && total > 0 && kept < options.VarianceKept * total; rank++)
        {
            kept += values[rank];
        }

        var components = vectors[..(rank * dimension)];
        var model = new HostPcaModel(mean, scale, components, rank, double.PositiveInfinity);
        var calibration = fitCount < count ? rows[(fitCount * dimension)..] : rows;
        var errors = new double[calibration.Length / dimension];
        var residuals = new double[dimension];
        for (var i = 0; i < errors.Length; i++)
        {
            errors[i] = model.Error(calibration.Slice(i * dimension, dimension), default, residuals);
        }

        var threshold = ThresholdCalibrator.PeaksOverThreshold(errors, options.Risk);
        return new HostPcaModel(mean, scale, components, rank, threshold);
    }

    /// <summary>
    /// Squared reconstruction error of one vector; <paramref name="residuals"/> receives each
    /// feature's squared residual. Features absent from the window (<paramref name="present"/>
    /// false; empty means all present) are imputed with the training mean and contribute nothing.
    /// </summary>
    public double Error(ReadOnlySpan<double> features, ReadOnlySpan<bool> present, Span<double> residuals)
    {
        var dimension = _mean.Length;
        if (features.Length != dimension || residuals.Length != dimension || (!present.IsEmpty && present.Length != dimension))
        {
            throw new ArgumentException($"Expected {dimension} features, residuals and presence flags.");
        }

        Span<double> z = dimension <= 256 ? stackalloc double[dimension] : new double[dimension];
        for (var d = 0; d < dimension; d++)
        {
            z[d] = present.IsEmpty || present[d] ? (features[d] - _mean[d]) / _scale[d] : 0;
        }

        z.CopyTo(residuals);
        for (var c = 0; c < Rank; c++)
        {
            var component = _components.AsSpan(c * dimension, dimension);
            var projection = 0.0;
            for (var d = 0; d < dimension; d++)
            {
                projection += component[d] * z[d];
            }

            for (var d = 0; d < dimension; d++)
            {
                residuals[d] -= projection * component[d];
            }
        }

        var error = 0.0;
        for (var d = 0; d < dimension; d++)
        {
            residuals[d] = present.IsEmpty || present[d] ? residuals[d] * residuals[d] : 0;
            error += residuals[d];
        }

        return error;
    }
}
