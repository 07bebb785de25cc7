using System.Globalization;

namespace Streams.Topology.Windowing;

/// <summary>
/// Event-time tumbling windows with a grace period, on a clock kept per host rather than per
/// partition (Kafka Streams' choice): hosts sharing a partition have clocks seconds or minutes
/// apart, and one host's clock must not close, and drop the data of, another host's windows. The
/// host's event time and the end of what it emitted live in each topology's own host state; this
/// type holds the rules on them and the wall-clock time of each host's last arrival, by which a
/// host that falls silent has its open windows closed after a timeout.
/// </summary>
internal sealed class HostWindowClock(long sizeMs, long graceMs, long silentMs)
{
    /// <summary>The event time of a host that has sent nothing yet.</summary>
    public const long NoEventTime = long.MinValue;

    private readonly Dictionary<string, long> lastArrival = new(StringComparer.Ordinal);

    public long SizeMs => sizeMs;

    /// <summary>The start of the window holding <paramref name="timestamp"/> (windows are aligned to the epoch, also before it).</summary>
    public long StartOf(long timestamp) => timestamp - (((timestamp % sizeMs) + sizeMs) % sizeMs);

    public long EndOf(long start) => start + sizeMs;

    /// <summary>A window ending at <paramref name="end"/> was emitted already, or the host's own clock is past its grace.</summary>
    public bool IsTooLate(long end, long closedUpTo, long eventTime) =>
        end <= closedUpTo || (eventTime != NoEventTime && end + graceMs <= eventTime);

    /// <summary>Data for a window the host's clock has passed, within its grace.</summary>
    public static bool IsLate(long end, long eventTime) => eventTime >= end;

    /// <summary>Windows ending at or before this close once the host's clock reads <paramref name="eventTime"/>.</summary>
    public long CloseTime(long eventTime) => eventTime - graceMs;

    public bool Closes(long start, long closeTime) => start + sizeMs <= closeTime;

    /// <summary>The window start as a store key part, fixed width so that keys sort by time.</summary>
    public static string KeyOf(long start) => start.ToString("D15", CultureInfo.InvariantCulture);

    /// <summary>Notes that <paramref name="host"/> sent something (or, after a restore, has open windows) at wall-clock <paramref name="now"/>.</summary>
    public void Arrived(string host, long now) => lastArrival[host] = now;

    /// <summary>The host arrived once and nothing since for the silence timeout.</summary>
    public bool IsSilent(string host, long now) =>
        lastArrival.TryGetValue(host, out var last) && now - last >= silentMs;

    /// <summary>Every host silent for the timeout, in no particular order.</summary>
    public IReadOnlyList<string> SilentHosts(long now) =>
        [.. lastArrival.Where(h => now - h.Value >= silentMs).Select(h => h.Key)];

    /// <summary>Stops watching <paramref name="host"/> until it arrives again.</summary>
    public void Forget(string host) => lastArrival.Remove(host);
}
