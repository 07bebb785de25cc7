namespace Streams.Topology.Metrics.Window;

/// <summary>
/// One entry of the open-window store: the points of a host's series in one window, for up to
/// <see cref="SeriesPerEntry"/> of them, so placing a host's batch reads and writes one entry per
/// window it touches rather than one per series.
/// </summary>
internal sealed class WindowEntry
{
    /// <summary>
    /// Series per entry, by their position in the host's layout (positions 0–99 in part 0, and so on).
    /// An entry costs ~36 B per series (ids of ~20 characters) plus 12 B per point (the topology
    /// benchmark's store sizes), so a full one stays under Kafka's 1,000,000-byte record default up
    /// to ~800 points per series and window (a 1 min window sampled every 75 ms); a host of 1,000
    /// series is 10 entries a window, one of 39 is one.
    /// </summary>
    public const int SeriesPerEntry = 100;

    public Dictionary<string, SeriesPoints> Series { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Set only on a value the per-series store of earlier builds wrote (layout version 1): one
    /// series' points, its series id in the store key. The transformer moves them into entries on load.
    /// </summary>
    public SeriesPoints? PerSeries { get; init; }
}
