using Streams.Platform.Kafka.Streamiz;
using Streams.Platform.Security;
using Streams.Scoring.Fleet;
using Streams.Scoring.HostDetection;
using Streams.Scoring.Learning;
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

    /// <summary>Where RocksDB keeps the hosts' rolling histories and self-trained models; a directory per instance.</summary>
    public override string StateDir { get; set; } = StreamsDataDirectory.DefaultPath("Scorer:StateDir");

    /// <summary>Only windows of this size are scored (WindowMetrics emits 10 s and 1 min).</summary>
    public long WindowSizeMs { get; set; } = 10_000;

    /// <summary>
    /// How a host without an announced model learns its own detector (<c>Scorer:Learning:*</c>, in
    /// windows): a provisional model after <c>FirstWindows</c>, retrained on the latest
    /// <c>SpanWindows</c> every <c>RetrainEvery</c>, incident windows left out.
    /// </summary>
    public RetrainPolicy Learning { get; set; } = new();

    /// <summary>Train on the thread pool so no stream thread waits for a fit (false: on the stream thread).</summary>
    public bool TrainOffThread { get; set; } = true;

    /// <summary>How a host without a model yet is judged (<c>Scorer:ColdStart:*</c>): change-only, then its group's fleet prior.</summary>
    public ColdStartOptions ColdStart { get; set; } = new();

    /// <summary>Contributing metrics listed per anomaly.</summary>
    public int TopContributions { get; set; } = 5;

    /// <summary>Detector settings for self-trained models (<c>Scorer:Detector</c>).</summary>
    public HostDetectorOptions Detector { get; set; } = new();

    public StateStoreKind Stores { get; set; } = StateStoreKind.RocksDb;

    /// <summary>
    /// The largest model record the scorer writes (changelog, <c>models</c>): the producers'
    /// <c>message.max.bytes</c>. A model over it scores from memory but is not stored or shipped
    /// with its artifact; it is logged and counted (<c>streams_scorer_models_oversized_total</c>).
    /// </summary>
    public int MaxRecordBytes { get; set; } = 1_000_000;

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
        Learning = Learning,
        TrainOffThread = TrainOffThread,
        ColdStart = ColdStart,
        TopContributions = TopContributions,
        Detector = Detector,
        Stores = Stores,
        MaxRecordBytes = MaxRecordBytes,
    };
}
