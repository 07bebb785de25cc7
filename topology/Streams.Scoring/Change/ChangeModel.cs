using Streams.Scoring.Calibration;

namespace Streams.Scoring.Change;

/// <summary>
/// A host's trained change detector: each metric's training range (what the noise floors are
/// shares of), each detector's threshold and the threshold of their median. Nothing else is
/// fitted, which is why the thresholds may come from every training window. Immutable; the
/// per-window state lives in <see cref="ChangeState"/>.
/// </summary>
public sealed class ChangeModel
{
    private readonly double[] _scales;
    private readonly double[] _thresholds;

    internal ChangeModel(ChangeOptions options, double[] scales, double[] thresholds, double threshold)
    {
        if (thresholds.Length != options.Detectors)
        {
            throw new ArgumentException($"{options.Detectors} detectors need as many thresholds, got {thresholds.Length}.", nameof(thresholds));
        }

        Options = options;
        _scales = scales;
        _thresholds = thresholds;
        Threshold = threshold;
    }

    public ChangeOptions Options { get; }

    /// <summary>Each metric's training range (max - min), or its magnitude (at least 1) where it never moved.</summary>
    public ReadOnlySpan<double> Scales => _scales;

    /// <summary>Each detector's threshold on its raw score, in the order <see cref="ChangeState"/> writes them.</summary>
    public ReadOnlySpan<double> Thresholds => _thresholds;

    /// <summary>Threshold of <see cref="Ratio"/> over which a window is a change; infinite when training was too short to calibrate it.</summary>
    public double Threshold { get; }

    public int ParameterBytes => (_scales.Length + _thresholds.Length + 1) * sizeof(double);

    /// <summary>
    /// Trains on a host's history (<paramref name="rows"/> row-major, <paramref name="dimension"/>
    /// features per window). Each detector's threshold is the (1 - alarmRate) quantile of its
    /// raw scores, at least 1 (a deviation within one standard deviation is never a change); the
    /// median's threshold is the (1 - alarmRate) quantile of the median over windows where every
    /// span is warm.
    /// </summary>
    public static ChangeModel Train(ReadOnlySpan<double> rows, int dimension, ChangeOptions options, double alarmRate)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(alarmRate, 0.0);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(alarmRate, 1.0);
        var count = rows.Length / dimension;
        var scales = TrainingRanges(rows, dimension, count);
        var detectors = options.Detectors;
        var raw = new double[count * detectors];
        var state = new ChangeState(options, dimension);
        for (var i = 0; i < count; i++)
        {
            state.Next(rows.Slice(i * dimension, dimension), default, scales, raw.AsSpan(i * detectors, detectors));
        }

        var thresholds = new double[detectors];
        var column = new List<double>(count);
        for (var c = 0; c < detectors; c++)
        {
            column.Clear();
            for (var i = 0; i < count; i++)
            {
                var value = raw[(i * detectors) + c];
                if (!double.IsNaN(value))
                {
                    column.Add(value);
                }
            }

            thresholds[c] = column.Count == 0 ? double.PositiveInfinity : Math.Max(1.0, ThresholdCalibrator.Quantile(column.ToArray(), 1 - alarmRate));
        }

        var uncalibrated = new ChangeModel(options, scales, thresholds, double.PositiveInfinity);
        var medians = new List<double>(count);
        for (var i = options.LongestSpan; i < count; i++)
        {
            medians.Add(uncalibrated.Ratio(raw.AsSpan(i * detectors, detectors)));
        }

        var threshold = medians.Count == 0 ? double.PositiveInfinity : ThresholdCalibrator.Quantile(medians.ToArray(), 1 - alarmRate);
        return new ChangeModel(options, scales, thresholds, threshold);
    }

    /// <summary>
    /// The change score of one window: the median over detectors of raw score over threshold,
    /// a detector still warming up counting as 0, so a host that has just started cannot alarm
    /// before half its detectors can.
    /// </summary>
    public double Ratio(ReadOnlySpan<double> raw)
    {
        Span<double> ratios = stackalloc double[raw.Length];
        for (var c = 0; c < raw.Length; c++)
        {
            ratios[c] = double.IsNaN(raw[c]) ? 0 : raw[c] / _thresholds[c];
        }

        ratios.Sort();
        var middle = ratios.Length / 2;
        return ratios.Length % 2 == 1 ? ratios[middle] : (ratios[middle - 1] + ratios[middle]) / 2;
    }

    private static double[] TrainingRanges(ReadOnlySpan<double> rows, int dimension, int count)
    {
        var scales = new double[dimension];
        for (var d = 0; d < dimension; d++)
        {
            var min = double.PositiveInfinity;
            var max = double.NegativeInfinity;
            for (var i = 0; i < count; i++)
            {
                var value = rows[(i * dimension) + d];
                min = Math.Min(min, value);
                max = Math.Max(max, value);
            }

            scales[d] = max > min ? max - min : Math.Max(count == 0 ? 1.0 : Math.Abs(max), 1.0);
        }

        return scales;
    }
}
