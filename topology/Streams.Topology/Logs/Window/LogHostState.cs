namespace Streams.Topology.Logs.Window;

/// <summary>
/// What WindowLogs remembers about one host: its own event-time clock, how far its windows have
/// been emitted, which windows are open, and the too-late lines not yet reported.
/// </summary>
internal sealed class LogHostState
{
    /// <summary>The newest event time the host has sent, UTC milliseconds.</summary>
    public long EventTime { get; set; } = long.MinValue;

    /// <summary>End of the newest window emitted for the host; older lines are too late.</summary>
    public long ClosedUpTo { get; set; } = long.MinValue;

    /// <summary>Open windows by start, then application: the order they close and are emitted in.</summary>
    public SortedSet<(long Start, string App)> Open { get; } = new(Comparer<(long Start, string App)>.Create(
        (a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : string.CompareOrdinal(a.App, b.App)));

    /// <summary>Per application, lines that came after their window had closed; reported on its next window.</summary>
    public Dictionary<string, int> DroppedLate { get; } = new(StringComparer.Ordinal);
}
