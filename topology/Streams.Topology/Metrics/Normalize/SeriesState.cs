namespace Streams.Topology.Metrics.Normalize;

/// <summary>
/// What NormalizeMetrics remembers about one series between samples, kept in a state store
/// keyed by host and series id.
/// </summary>
/// <param name="LastTimestamp">Event time of the newest sample seen, UTC milliseconds.</param>
/// <param name="LastValue">Its normalised value, repeated by a forward fill.</param>
/// <param name="LastRaw">Its raw value: the previous reading of a counter.</param>
/// <param name="IntervalMs">The collection interval, promised by the source or learned from the spacing of samples; 0 until known.</param>
/// <param name="HundredScale">True once an unlabelled utilisation exceeded 1: the source reports 0..100.</param>
/// <param name="Stats">Outlier-robust running statistics of the normalised value.</param>
internal sealed record SeriesState(long LastTimestamp, double LastValue, double LastRaw, double IntervalMs, bool HundredScale, RobustStats Stats)
{
    /// <summary>
    /// How many readings before the newest are remembered (<see cref="Earlier"/>): a processor
    /// that restarts, or whose thread was fenced in a rebalance, replays what it read since its
    /// last commit, and while it catches up on a backlog that spans several collection steps of
    /// a host. 16 steps: 160 s of a 10 s series.
    /// </summary>
    public const int Remembered = 16;

    /// <summary>
    /// The event times of the readings before the newest that were passed on, as milliseconds
    /// before <see cref="LastTimestamp"/>, nearest first: a replayed older reading is found here
    /// and dropped, where a late one never seen is still passed on.
    /// </summary>
    public uint[] Earlier { get; init; } = [];

    /// <summary>
    /// The newest reading's predecessor (event time, normalised value) and the interval its
    /// spacing was judged by: what the newest reading's forward fills or gap marker were made
    /// from, so a replay of the newest reading can pass on exactly what it passed on the first
    /// time. 0 / NaN / 0 when unknown (the series' first reading, or state of an older layout).
    /// </summary>
    public long PreviousTimestamp { get; init; }

    /// <inheritdoc cref="PreviousTimestamp"/>
    public double PreviousValue { get; init; } = double.NaN;

    /// <inheritdoc cref="PreviousTimestamp"/>
    public double PreviousIntervalMs { get; init; }

    /// <summary>Whether a reading at <paramref name="timestamp"/> (before the newest) was passed on already.</summary>
    public bool Passed(long timestamp) => LastTimestamp - timestamp is var before and > 0 and <= uint.MaxValue && Array.IndexOf(Earlier, (uint)before) >= 0;

    /// <summary><see cref="Earlier"/> once a reading at <paramref name="timestamp"/> is passed on: newer ones shift the rest back, older ones join them.</summary>
    public uint[] EarlierWith(long timestamp)
    {
        var shift = timestamp - LastTimestamp;
        var before = shift > 0
            ? Earlier.Select(e => e + shift).Prepend(shift)
            : Earlier.Select(e => (long)e).Append(-shift).Order();
        return [.. before.Where(e => e <= uint.MaxValue).Take(Remembered).Select(e => (uint)e)];
    }
}
