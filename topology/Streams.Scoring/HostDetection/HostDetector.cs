using Streams.Scoring.Calibration;
using Streams.Scoring.Change;
using Streams.Scoring.Series;

namespace Streams.Scoring.HostDetection;

/// <summary>
/// A host's trained ensemble: one k-means model per feature of its aligned vector and one PCA
/// model over the whole vector, which judge each window's level, and a change model, which
/// judges how far each window moved from the host's recent past. Immutable, so one instance can be swapped in atomically and
/// shared; the per-window state lives in <see cref="HostScorer"/>.
/// </summary>
public sealed class HostDetector
{
    private readonly SeriesModel[] _series;
    private readonly double[] _seriesScale;

    /// <summary>A detector from its parts, as a saved artifact holds them; <see cref="Train"/> makes new ones.</summary>
    internal HostDetector(IReadOnlyList<string> featureNames, SeriesModel[] series, HostPcaModel pca, ChangeModel? change, HostDetectorOptions options, double threshold)
    {
        FeatureNames = featureNames;
        _series = series;
        Pca = pca;
        Change = change;
        Options = options;
        Threshold = threshold;
        _seriesScale = [.. featureNames.Select(name => options.ThresholdScale.TryGetValue(name, out var factor) ? factor : 1.0)];
    }

    public IReadOnlyList<string> FeatureNames { get; }

    public IReadOnlyList<SeriesModel> Series => _series;

    public HostPcaModel Pca { get; }

    /// <summary>The change model; null in a detector saved before there was one (artifact format 1), which judges levels only.</summary>
    public ChangeModel? Change { get; }

    public HostDetectorOptions Options { get; }

    /// <summary>Threshold of the level score (<see cref="HostScore.Score"/>) over which a window is anomalous.</summary>
    public double Threshold { get; }

    /// <summary>Bytes of model parameters of the whole host.</summary>
    public long ParameterBytes => _series.Sum(s => (long)s.ParameterBytes) + Pca.ParameterBytes + (Change?.ParameterBytes ?? 0);

    /// <summary>
    /// Trains every model on a host's history: <paramref name="rows"/> holds one aligned feature
    /// vector per window in time order, row-major (<c>windows × featureNames.Count</c>).
    /// Thresholds come from held-out training windows only.
    /// </summary>
    public static HostDetector Train(IReadOnlyList<string> featureNames, ReadOnlySpan<double> rows, HostDetectorOptions options)
    {
        ArgumentNullException.ThrowIfNull(featureNames);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        options = options with { Change = options.Change.Resolved() };
        var dimension = featureNames.Count;
        if (dimension == 0 || rows.Length % dimension != 0)
        {
            throw new ArgumentException($"{rows.Length} values do not form whole rows of {dimension} features.", nameof(rows));
        }

        var count = rows.Length / dimension;
        var column = new double[count];
        var series = new SeriesModel[dimension];
        for (var d = 0; d < dimension; d++)
        {
            for (var i = 0; i < count; i++)
            {
                column[i] = rows[(i * dimension) + d];
            }

            series[d] = SeriesModel.Train(column, options.Series);
        }

        var budget = options.AlarmRate / 2;
        var change = ChangeModel.Train(rows, dimension, options.Change, budget);
        var uncalibrated = new HostDetector([.. featureNames], series, HostPcaModel.Train(rows, dimension, options), null, options, 1.0);
        return new HostDetector(uncalibrated.FeatureNames, series, uncalibrated.Pca, change, options, CalibrateLevel(uncalibrated, rows, count, budget));
    }

    // The components' POT thresholds each bound their own false-alarm risk; the level threshold
    // is the (1 - budget) quantile of the level scores on the held-out training windows, scored
    // by the live scorer (without a change model) after warming its series states on the windows just before.
    private static double CalibrateLevel(HostDetector detector, ReadOnlySpan<double> rows, int count, double budget)
    {
        var options = detector.Options;
        var dimension = detector.FeatureNames.Count;
        var fitCount = (int)(count * (1 - options.CalibrationFraction));
        var first = fitCount < count ? fitCount : 0;
        var scorer = new HostScorer(detector);
        var scores = new double[count - first];
        for (var i = Math.Max(0, first - options.Series.History); i < count; i++)
        {
            var score = scorer.Score(rows.Slice(i * dimension, dimension), default).Score;
            if (i >= first)
            {
                scores[i - first] = score;
            }
        }

        return ThresholdCalibrator.Quantile(scores, 1 - budget);
    }

    /// <summary>
    /// The same detector with its level and change thresholds multiplied by <paramref name="factor"/>:
    /// a model calibrated on a short history widens them, because the quantiles of a few held-out
    /// windows understate the tail. The factor is baked into the thresholds, so an artifact keeps it.
    /// </summary>
    internal HostDetector WithMargin(double factor)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(factor, 1.0);
        var change = Change is { } c ? new ChangeModel(c.Options, c.Scales.ToArray(), c.Thresholds.ToArray(), c.Threshold * factor) : null;
        return new HostDetector(FeatureNames, _series, Pca, change, Options, Threshold * factor);
    }

    internal double SeriesThreshold(int feature) => _series[feature].Threshold * _seriesScale[feature];

    /// <summary>Each feature's sensitivity factor from <see cref="HostDetectorOptions.ThresholdScale"/> (1 where none is set).</summary>
    internal ReadOnlySpan<double> SensitivityFactors => _seriesScale;
}
