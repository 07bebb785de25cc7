using Streams.Scoring.Change;
using Streams.Scoring.Series;

namespace Streams.Scoring.HostDetection;

/// <summary>Settings of a host's ensemble: its per-series detectors, its PCA model and the rules that combine them.</summary>
public sealed record HostDetectorOptions
{
    public SeriesDetectorOptions Series { get; init; } = new();

    /// <summary>The change detector, which compares each window with the host's own recent past.</summary>
    public ChangeOptions Change { get; init; } = new();

    /// <summary>Share of the correlation matrix's variance the principal subspace keeps.</summary>
    public double VarianceKept { get; init; } = 0.95;

    public int MaxComponents { get; init; } = 64;

    /// <summary>Smallest standard deviation used to standardize a feature, in the feature's units (SMD's are min-max normalized to [0, 1]).</summary>
    public double MinScale { get; init; } = 0.01;

    /// <summary>POT risk of the PCA error threshold.</summary>
    public double Risk { get; init; } = 1e-4;

    /// <summary>Share of the training windows (the latest) held out from the PCA fit to calibrate the PCA and ensemble thresholds out of sample.</summary>
    public double CalibrationFraction { get; init; } = 0.2;

    /// <summary>Series that must be over their own thresholds at once before the series detectors alone raise the host (at most as many as it has).</summary>
    public int Consensus { get; init; } = 2;

    /// <summary>
    /// The host's false-alarm budget: the share of training windows allowed over a threshold,
    /// split evenly between the level detectors (series and PCA, calibrated on the held-out
    /// windows, before the minimum-duration rule) and the change detector.
    /// </summary>
    public double AlarmRate { get; init; } = 0.005;

    /// <summary>Consecutive windows over the threshold before the host is anomalous.</summary>
    public int MinDuration { get; init; } = 2;

    /// <summary>
    /// Per-series sensitivity overrides, keyed by feature name: each series' threshold is
    /// multiplied by its factor (above 1 makes it less sensitive, below 1 more), and its
    /// deviations in the change detector are divided by it.
    /// </summary>
    public IReadOnlyDictionary<string, double> ThresholdScale { get; init; } = new Dictionary<string, double>();

    internal void Validate()
    {
        Series.Validate();
        Change.Validate();
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(VarianceKept, 0.0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(VarianceKept, 1.0);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxComponents, 0);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(MinScale, 0.0);
        ArgumentOutOfRangeException.ThrowIfLessThan(CalibrationFraction, 0.0);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(CalibrationFraction, 1.0);
        ArgumentOutOfRangeException.ThrowIfLessThan(Consensus, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(MinDuration, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(AlarmRate, 0.0);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(AlarmRate, 1.0);
        foreach (var (name, factor) in ThresholdScale)
        {
            if (!(factor > 0))
            {
                throw new ArgumentOutOfRangeException(nameof(ThresholdScale), $"The threshold factor of {name} must be positive, got {factor}.");
            }
        }
    }
}
