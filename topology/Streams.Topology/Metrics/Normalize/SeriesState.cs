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
/// <param name="Seen">
/// Which of the <see cref="SeenSlots"/> collection slots before <paramref name="LastTimestamp"/>
/// had a reading (bit k: k + 1 intervals earlier), so a replayed older reading is told from a late one.
/// </param>
internal sealed record SeriesState(long LastTimestamp, double LastValue, double LastRaw, double IntervalMs, bool HundredScale, RobustStats Stats, ulong Seen = 0)
{
    public const int SeenSlots = 64;

    /// <summary>
    /// Whether a reading at <paramref name="at"/> was already taken: the newest one, or an older one
    /// in a slot marked seen. A processor restarted after a crash replays its input since its last
    /// commit against a store restored ahead of it; those readings must not be written twice.
    /// </summary>
    public bool HasSeen(long at) => at == LastTimestamp || (Slot(at) is { } k && ((Seen >> k) & 1) == 1);

    /// <summary>This state with the older reading at <paramref name="at"/> marked seen (when its slot is still tracked).</summary>
    public SeriesState Seeing(long at) => Slot(at) is { } k ? this with { Seen = Seen | (1UL << k) } : this;

    /// <summary>The seen slots once the series' newest reading moves on to <paramref name="at"/>: the current newest becomes seen.</summary>
    public ulong SeenAfter(long at)
    {
        var steps = IntervalMs > 0 ? (long)Math.Max(1, Math.Round((at - LastTimestamp) / IntervalMs)) : 1;
        return steps > SeenSlots ? 0 : steps == SeenSlots ? 1UL << (SeenSlots - 1) : (Seen << (int)steps) | (1UL << (int)(steps - 1));
    }

    // An older reading's slot: whole intervals before the newest, rounded (a collector's jitter
    // does not make a second reading of one slot a new one); null beyond the tracked slots.
    private int? Slot(long at)
    {
        if (at >= LastTimestamp || IntervalMs <= 0)
        {
            return null;
        }

        var k = (long)Math.Round((LastTimestamp - at) / IntervalMs) - 1;
        return k is >= 0 and < SeenSlots ? (int)k : null;
    }
}
