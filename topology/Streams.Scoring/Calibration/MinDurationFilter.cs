namespace Streams.Scoring.Calibration;

/// <summary>
/// Minimum-duration rule against one-sample blips: a stream is anomalous only from its
/// <c>minDuration</c>-th consecutive window over the threshold, and stays so while it remains over.
/// Holds one counter, so one filter per stream being judged.
/// </summary>
public sealed class MinDurationFilter
{
    private readonly int _minDuration;
    private int _run;

    public MinDurationFilter(int minDuration)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(minDuration, 1);
        _minDuration = minDuration;
    }

    /// <summary>Feeds the next window's verdict; returns whether the stream is anomalous now.</summary>
    public bool Next(bool over)
    {
        _run = over ? _run + 1 : 0;
        return _run >= _minDuration;
    }
}
