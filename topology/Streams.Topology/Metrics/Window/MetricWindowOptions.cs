using Streams.Topology.State;

namespace Streams.Topology.Metrics.Window;

/// <summary>Settings of <see cref="WindowMetrics"/>.</summary>
public sealed class MetricWindowOptions
{
    /// <summary>Tumbling window sizes; each size is its own stream of windows on metrics.windows (told apart by windowSizeMs).</summary>
    public IReadOnlyList<TimeSpan> Sizes { get; set; } = [TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(1)];

    /// <summary>How long after its end a window still accepts late samples before it is emitted and closed.</summary>
    public TimeSpan Grace { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// A host silent for this long (wall clock) has its open windows emitted without waiting for
    /// its next sample; samples for them that come later are dropped as late.
    /// </summary>
    public TimeSpan SilentHostTimeout { get; set; } = TimeSpan.FromSeconds(30);

    public StateStoreKind Stores { get; set; } = StateStoreKind.RocksDb;

    internal void Validate()
    {
        if (Sizes.Count == 0 || Sizes.Any(s => s < TimeSpan.FromSeconds(1)) || Sizes.Distinct().Count() != Sizes.Count)
        {
            throw new ArgumentException($"MetricWindowOptions.Sizes must be distinct and at least 1 s each (got [{string.Join(", ", Sizes)}]).");
        }

        if (Grace < TimeSpan.Zero || SilentHostTimeout < TimeSpan.FromSeconds(1))
        {
            throw new ArgumentException($"MetricWindowOptions: Grace must not be negative and SilentHostTimeout must be at least 1 s (got {Grace}, {SilentHostTimeout}).");
        }
    }
}
