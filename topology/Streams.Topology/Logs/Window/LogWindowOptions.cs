using Streams.Topology.State;

namespace Streams.Topology.Logs.Window;

/// <summary>Settings of <see cref="WindowLogs"/>.</summary>
public sealed class LogWindowOptions
{
    /// <summary>Tumbling window size.</summary>
    public TimeSpan Size { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long after its end (by the host's own clock) a window still accepts late lines. Longer
    /// than for metrics: syslog relays and file tailers batch and reorder lines by seconds.
    /// </summary>
    public TimeSpan Grace { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// A host silent for this long (wall clock) has its open windows emitted without waiting for
    /// its next line; lines for them that come later are counted as dropped late.
    /// </summary>
    public TimeSpan SilentHostTimeout { get; set; } = TimeSpan.FromSeconds(30);

    public StateStoreKind Stores { get; set; } = StateStoreKind.RocksDb;

    internal void Validate()
    {
        if (Size < TimeSpan.FromSeconds(1) || Grace < TimeSpan.Zero || SilentHostTimeout < TimeSpan.FromSeconds(1))
        {
            throw new ArgumentException(
                $"LogWindowOptions: Size and SilentHostTimeout must be at least 1 s and Grace must not be negative (got {Size}, {SilentHostTimeout}, {Grace}).");
        }
    }
}
