using Streams.Scoring.Fleet;
using Streams.Scoring.HostDetection;
using Streams.Scoring.Learning;
using Streams.Topology.State;

namespace Streams.Topology.Scoring;

/// <summary>Settings of <see cref="ScoreWindows"/>.</summary>
public sealed class ScoreOptions
{
    /// <summary>Only windows of this size are scored; WindowMetrics emits several sizes to the same topic.</summary>
    public long WindowSizeMs { get; set; } = 10_000;

    /// <summary>
    /// How a host without an announced model learns its own detector: a provisional model after
    /// 10 minutes, then retrained on a rolling span on a cadence, incidents left out.
    /// </summary>
    public RetrainPolicy Learning { get; set; } = new();

    /// <summary>
    /// Train on the thread pool (true) so a stream thread never waits for a fit; the host is
    /// scored with its previous model until the new one is ready at one of its next windows.
    /// False trains on the stream thread, in the window that made the model due (deterministic, for tests).
    /// </summary>
    public bool TrainOffThread { get; set; } = true;

    /// <summary>How a host is judged before its own model exists: change-only, then the fleet prior of its group.</summary>
    public ColdStartOptions ColdStart { get; set; } = new();

    /// <summary>How many contributing metrics an anomaly lists.</summary>
    public int TopContributions { get; set; } = 5;

    /// <summary>Settings of the detectors the scorer trains itself.</summary>
    public HostDetectorOptions Detector { get; set; } = new();

    public StateStoreKind Stores { get; set; } = StateStoreKind.RocksDb;

    /// <summary>
    /// The largest record the scorer writes about a model (its changelog entry, its <c>self/</c>
    /// record on <c>models</c>): the producers' <c>message.max.bytes</c>, 1,000,000 by default in
    /// librdkafka (brokers take 1,048,588). A larger record would fail the stream thread when
    /// produced, so a model over it keeps scoring from memory but is neither stored nor shipped
    /// with its artifact, and is counted and logged (<see cref="ScorerStatus.OversizedModels"/>).
    /// </summary>
    public int MaxRecordBytes { get; set; } = 1_000_000;

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxRecordBytes, 1_024);
        ArgumentOutOfRangeException.ThrowIfLessThan(WindowSizeMs, 1);
        ArgumentNullException.ThrowIfNull(Learning);
        Learning.Validate();
        ArgumentOutOfRangeException.ThrowIfNegative(TopContributions);
        ArgumentNullException.ThrowIfNull(Detector);
        ArgumentNullException.ThrowIfNull(ColdStart);
        ColdStart.Validate();
    }
}
