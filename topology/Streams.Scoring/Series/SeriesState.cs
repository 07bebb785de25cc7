namespace Streams.Scoring.Series;

/// <summary>
/// The live state of one series: a ring of its last <see cref="SeriesDetectorOptions.History"/>
/// raw values, enough to rebuild the current feature vector. This and the model's centroids
/// are all a series costs in memory.
/// </summary>
public sealed class SeriesState
{
    private readonly double[] _ring;
    private readonly int _diffN;
    private readonly int _smoothN;
    private readonly int _lagN;
    private long _count;

    public SeriesState(SeriesDetectorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _ring = new double[options.History];
        _diffN = options.DiffN;
        _smoothN = options.SmoothN;
        _lagN = options.LagN;
    }

    public bool IsWarm => _count >= _ring.Length;

    public void Push(double value)
    {
        _ring[(int)(_count % _ring.Length)] = value;
        _count++;
    }

    /// <summary>Writes the current feature vector (oldest lag first); false until the ring is full.</summary>
    public bool TryWriteFeatures(Span<double> features)
    {
        if (features.Length != _lagN + 1)
        {
            throw new ArgumentException($"Expected {_lagN + 1} features, got {features.Length}.", nameof(features));
        }

        if (!IsWarm)
        {
            return false;
        }

        for (var lag = 0; lag <= _lagN; lag++)
        {
            // Feature `lag` is the smoothed difference ending `_lagN - lag` values before the newest.
            var end = _lagN - lag;
            var sum = 0.0;
            for (var s = 0; s < _smoothN; s++)
            {
                sum += Difference(end + s);
            }

            features[lag] = sum / _smoothN;
        }

        return true;
    }

    private double Difference(int back) => _diffN == 0 ? At(back) : At(back) - At(back + _diffN);

    private double At(int back) => _ring[(int)((_count - 1 - back) % _ring.Length)];
}
