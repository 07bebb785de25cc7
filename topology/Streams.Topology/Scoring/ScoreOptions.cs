using Streams.Scoring.Host;
using Streams.Topology.State;

namespace Streams.Topology.Scoring;

/// <summary>Settings of <see cref="ScoreWindows"/>.</summary>
public sealed class ScoreOptions
{
    /// <summary>Only windows of this size are scored; WindowMetrics emits several sizes to the same topic.</summary>
    public long WindowSizeMs { get; set; } = 10_000;

    /// <summary>
    /// Windows a host without an announced model buffers before the scorer trains its own
    /// detector on them: 360 is one hour of 10 s windows, enough for the k-means and PCA fits
    /// and a held-out calibration tail of 72 windows.
    /// </summary>
    public int WarmupWindows { get; set; } = 360;

    /// <summary>How many contributing metrics an anomaly lists.</summary>
    public int TopContributions { get; set; } = 5;

    /// <summary>Settings of the detectors the scorer trains itself at the end of warm-up.</summary>
    public HostDetectorOptions Detector { get; set; } = new();

    public StateStoreKind Stores { get; set; } = StateStoreKind.RocksDb;

    /// <summary>The smallest warm-up a detector can be trained on: the series history plus a held-out tail.</summary>
    public const int MinimumWarmupWindows = 16;

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(WindowSizeMs, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(WarmupWindows, MinimumWarmupWindows);
        ArgumentOutOfRangeException.ThrowIfNegative(TopContributions);
        ArgumentNullException.ThrowIfNull(Detector);
    }
}
