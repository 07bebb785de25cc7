using Streams.Platform.Kafka.Streamiz;
using Streams.Scoring.Host;
using Streams.Topology.Scoring;
using Streams.Topology.State;

namespace Streams.Scorer;

/// <summary>The <c>Scorer</c> configuration section.</summary>
public sealed class ScorerOptions : StreamizRoleOptions
{
    /// <summary>Streamiz' application id is also the consumer group, whose lag `streams status` shows.</summary>
    public const string DefaultApplicationId = "streams-scorer";

    public const string SectionName = "Scorer";

    public override string ApplicationId { get; set; } = DefaultApplicationId;

    /// <summary>Where RocksDB keeps the warm-up and self-trained models; a directory per instance.</summary>
    public override string StateDir { get; set; } = Path.Combine(Path.GetTempPath(), "streams", "scorer");

    /// <summary>Only windows of this size are scored (WindowMetrics emits 10 s and 1 min).</summary>
    public long WindowSizeMs { get; set; } = 10_000;

    /// <summary>Windows a host without an announced model buffers before the scorer trains its own; 360 = 1 h of 10 s windows.</summary>
    public int WarmupWindows { get; set; } = 360;

    /// <summary>Contributing metrics listed per anomaly.</summary>
    public int TopContributions { get; set; } = 5;

    /// <summary>Detector settings for self-trained models (<c>Scorer:Detector</c>).</summary>
    public HostDetectorOptions Detector { get; set; } = new();

    public StateStoreKind Stores { get; set; } = StateStoreKind.RocksDb;

    /// <summary>
    /// How long the scorer reads the models topic before it starts scoring: a host whose model
    /// is announced must not start learning just because the announcement was not read yet.
    /// </summary>
    public TimeSpan ModelsCatchUpTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often the scorer logs its learning and scoring host counts.</summary>
    public TimeSpan StatusLogInterval { get; set; } = TimeSpan.FromMinutes(1);

    internal ScoreOptions ScoreSettings() => new()
    {
        WindowSizeMs = WindowSizeMs,
        WarmupWindows = WarmupWindows,
        TopContributions = TopContributions,
        Detector = Detector,
        Stores = Stores,
    };
}
