using Streams.Scoring.Calibration;
using Streams.Scoring.Change;
using Streams.Scoring.Numerics;
using Streams.Scoring.Series;

namespace Streams.Scoring.HostDetection;

/// <summary>
/// Scores a host's windows one after another with a <see cref="HostDetector"/>: keeps each
/// series' recent values, the change detector's running statistics and the minimum-duration
/// counter, and exposes the last window's per-metric contributions. One instance per host; not thread-safe.
/// </summary>
public sealed class HostScorer
{
    private SeriesState[] _states;
    private readonly double[] _residuals;
    private readonly double[] _seriesRatios;
    private double[] _features;
    private MinDurationFilter _duration;
    private ChangeState? _change;
    private double[] _changeRaw;
    private MinDurationFilter _changeDuration;

    public HostScorer(HostDetector detector)
    {
        ArgumentNullException.ThrowIfNull(detector);
        Detector = detector;
        var dimension = detector.FeatureNames.Count;
        _states = [.. Enumerable.Range(0, dimension).Select(_ => new SeriesState(detector.Options.Series))];
        _residuals = new double[dimension];
        _seriesRatios = new double[dimension];
        _features = new double[detector.Options.Series.Dimension];
        _duration = new MinDurationFilter(detector.Options.MinDuration);
        (_change, _changeRaw) = NewChangeState(detector);
        _changeDuration = new MinDurationFilter(detector.Options.Change.MinDuration);
    }

    public HostDetector Detector { get; private set; }

    /// <summary>
    /// Swaps in a newly trained detector between two windows. When it has the same features and
    /// series settings the series' recent values carry over, so the next window is scored at
    /// once and no window is lost; otherwise the series warm up again.
    /// </summary>
    public void Swap(HostDetector next)
    {
        ArgumentNullException.ThrowIfNull(next);
        var compatible = next.FeatureNames.SequenceEqual(Detector.FeatureNames, StringComparer.Ordinal) && next.Options.Series == Detector.Options.Series;
        if (!compatible)
        {
            if (next.FeatureNames.Count != _states.Length)
            {
                throw new ArgumentException($"The new detector has {next.FeatureNames.Count} features, this host's windows {_states.Length}.", nameof(next));
            }

            _states = [.. Enumerable.Range(0, _states.Length).Select(_ => new SeriesState(next.Options.Series))];
            _features = new double[next.Options.Series.Dimension];
        }

        if (next.Options.MinDuration != Detector.Options.MinDuration)
        {
            _duration = new MinDurationFilter(next.Options.MinDuration);
        }

        if (!compatible || next.Change is null || _change is null || !next.Change.Options.SameDetectors(_change.Options))
        {
            (_change, _changeRaw) = NewChangeState(next);
        }

        if (next.Options.Change.MinDuration != Detector.Options.Change.MinDuration)
        {
            _changeDuration = new MinDurationFilter(next.Options.Change.MinDuration);
        }

        Detector = next;
    }

    /// <summary>
    /// Each metric's share of the last window's explanation (sums to 1 unless nothing deviated):
    /// of its PCA error, or, when the change detector outweighed the level, of its squared deviations from the recent past.
    /// </summary>
    public ReadOnlySpan<double> Shares => _residuals;

    /// <summary>Each series' distance over its threshold in the last window (0 while the series warms up or is absent).</summary>
    public ReadOnlySpan<double> SeriesRatios => _seriesRatios;

    /// <summary>
    /// Scores the next window of the host: <paramref name="features"/> is its aligned vector in
    /// <see cref="HostDetector.FeatureNames"/> order, <paramref name="present"/> its presence mask
    /// (empty when every feature is present), as in MetricWindow.
    /// </summary>
    public HostScore Score(ReadOnlySpan<double> features, ReadOnlySpan<bool> present)
    {
        var detector = Detector;
        var dimension = _states.Length;
        if (features.Length != dimension)
        {
            throw new ArgumentException($"The detector expects {dimension} features, got {features.Length}.", nameof(features));
        }

        // A host with fewer series than the consensus asks for would never be raised by them.
        Span<double> top = stackalloc double[Math.Min(detector.Options.Consensus, dimension)];
        top.Clear();
        var over = 0;
        for (var d = 0; d < dimension; d++)
        {
            var ratio = 0.0;
            if (present.IsEmpty || present[d])
            {
                var state = _states[d];
                state.Push(features[d]);
                if (state.TryWriteFeatures(_features))
                {
                    ratio = detector.Series[d].Distance(_features) / detector.SeriesThreshold(d);
                }
            }

            _seriesRatios[d] = ratio;
            over += ratio > 1 ? 1 : 0;
            TopValues.Insert(top, ratio);
        }

        var pca = detector.Pca;
        var error = pca.Error(features, present, _residuals);
        if (error > 0)
        {
            for (var d = 0; d < dimension; d++)
            {
                _residuals[d] /= error;
            }
        }

        var level = Math.Max(error / pca.Threshold, top[^1]);
        var change = 0.0;
        if (_change is not null && detector.Change is { } model)
        {
            _change.Next(features, present, model.Scales, _changeRaw, detector.SensitivityFactors);
            change = model.Ratio(_changeRaw) / model.Threshold;
            if (change * detector.Threshold > level)
            {
                ExplainByChange(_change.Deviations);
            }
        }

        var levelAnomaly = _duration.Next(level > detector.Threshold);
        var changeAnomaly = _changeDuration.Next(change > 1);
        return new HostScore(Math.Max(level, change * detector.Threshold), detector.Threshold, levelAnomaly || changeAnomaly, error, pca.Threshold, over, change);
    }

    private void ExplainByChange(ReadOnlySpan<double> deviations)
    {
        var total = 0.0;
        for (var d = 0; d < deviations.Length; d++)
        {
            total += deviations[d] * deviations[d];
        }

        for (var d = 0; d < deviations.Length; d++)
        {
            _residuals[d] = total > 0 ? deviations[d] * deviations[d] / total : 0;
        }
    }

    private static (ChangeState?, double[]) NewChangeState(HostDetector detector) => detector.Change is { } model
        ? (new ChangeState(model.Options, detector.FeatureNames.Count), new double[model.Options.Detectors])
        : (null, []);

    /// <summary>The <paramref name="count"/> metrics with the largest shares of the last window's error, largest first.</summary>
    public IReadOnlyList<MetricContribution> TopContributions(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 0);
        var names = Detector.FeatureNames;
        return [.. Enumerable.Range(0, _residuals.Length)
            .OrderByDescending(d => _residuals[d])
            .ThenByDescending(d => _seriesRatios[d])
            .Take(count)
            .Select(d => new MetricContribution(d, names[d], _residuals[d], _seriesRatios[d]))];
    }
}
