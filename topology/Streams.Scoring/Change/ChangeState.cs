using Streams.Scoring.Numerics;

namespace Streams.Scoring.Change;

/// <summary>
/// The live state of a host's change detector: per metric and span, an exponentially weighted
/// mean and variance of the windows before the current one. Each window is compared with them
/// before it updates them, so a change is measured against the past only. 72 bytes per metric
/// with the default four spans; one instance per host; not thread-safe.
/// </summary>
public sealed class ChangeState
{
    private readonly int[] _spans;
    private readonly double[] _floors;
    private readonly int[] _tops;
    private readonly int _maxTop;
    private readonly double[] _mean;
    private readonly double[] _variance;
    private readonly long[] _count;
    private readonly double[] _deviations;

    public ChangeState(ChangeOptions options, int dimension)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        _spans = [.. options.ResolvedSpans];
        _floors = [.. options.ResolvedFloors];
        _tops = [.. options.ResolvedTops];
        _maxTop = _tops.Max();
        _mean = new double[_spans.Length * dimension];
        _variance = new double[_spans.Length * dimension];
        _count = new long[dimension];
        _deviations = new double[dimension];
        Options = options;
    }

    public ChangeOptions Options { get; }

    public int Dimension => _count.Length;

    /// <summary>Each metric's deviation in the last window, in standard deviations, averaged over the spans it is warm for.</summary>
    public ReadOnlySpan<double> Deviations => _deviations;

    /// <summary>
    /// Measures the next window against the past and then adds it to the past. Writes each
    /// detector's raw score (the mean of its top-k deviations) to <paramref name="raw"/>, NaN for
    /// a detector whose span no metric has filled yet. <paramref name="scales"/> are the
    /// metrics' training ranges the floors are shares of; each deviation is divided by the
    /// metric's sensitivity factor in <paramref name="factors"/> (empty: all 1), as its thresholds are multiplied.
    /// </summary>
    public void Next(ReadOnlySpan<double> features, ReadOnlySpan<bool> present, ReadOnlySpan<double> scales, Span<double> raw, ReadOnlySpan<double> factors = default)
    {
        var dimension = _count.Length;
        if (features.Length != dimension || scales.Length != dimension)
        {
            throw new ArgumentException($"The change detector expects {dimension} features and scales, got {features.Length} and {scales.Length}.", nameof(features));
        }

        Span<double> top = stackalloc double[_maxTop];
        Span<int> warmSpans = stackalloc int[dimension];
        warmSpans.Clear();
        _deviations.AsSpan().Clear();
        var detector = 0;
        for (var s = 0; s < _spans.Length; s++)
        {
            var offset = s * dimension;
            foreach (var floor in _floors)
            {
                top.Fill(double.NegativeInfinity);
                var warm = 0;
                for (var d = 0; d < dimension; d++)
                {
                    if (Absent(features, present, d) || _count[d] < _spans[s])
                    {
                        continue;
                    }

                    var deviation = Math.Abs(features[d] - _mean[offset + d]) / Math.Max(Math.Sqrt(_variance[offset + d]), floor * scales[d]);
                    deviation /= factors.IsEmpty ? 1 : factors[d];
                    _deviations[d] += deviation;
                    warm++;
                    TopValues.Insert(top, deviation);
                }

                foreach (var k in _tops)
                {
                    raw[detector++] = warm == 0 ? double.NaN : MeanOfTop(top, Math.Min(k, warm));
                }
            }
        }

        for (var d = 0; d < dimension; d++)
        {
            if (Absent(features, present, d))
            {
                continue;
            }

            for (var s = 0; s < _spans.Length; s++)
            {
                var i = (s * dimension) + d;
                if (_count[d] >= _spans[s])
                {
                    warmSpans[d]++;
                }

                if (_count[d] == 0)
                {
                    _mean[i] = features[d];
                    continue;
                }

                var alpha = 2.0 / (_spans[s] + 1);
                var delta = features[d] - _mean[i];
                _mean[i] += alpha * delta;
                _variance[i] = (1 - alpha) * (_variance[i] + (alpha * delta * delta));
            }

            _count[d]++;
            if (warmSpans[d] > 0)
            {
                _deviations[d] /= warmSpans[d] * _floors.Length;
            }
        }
    }

    // A value that is not a number would poison the metric's running statistics for good.
    private static bool Absent(ReadOnlySpan<double> features, ReadOnlySpan<bool> present, int d) =>
        (!present.IsEmpty && !present[d]) || !double.IsFinite(features[d]);

    private static double MeanOfTop(ReadOnlySpan<double> top, int k)
    {
        var sum = 0.0;
        for (var i = 0; i < k; i++)
        {
            sum += top[i];
        }

        return sum / k;
    }
}
