using Streams.Schemas.Topics;

namespace Streams.Sinks.ClickHouse;

/// <summary>Options of the ClickHouse sink role, bound from <c>Sink</c>.</summary>
public sealed class SinkOptions
{
    public const string SectionName = "Sink";
    public const string DefaultGroupId = "streams-sink";

    /// <summary>Kafka consumer group of every sink instance; instances of one group share the partitions.</summary>
    public string GroupId { get; set; } = DefaultGroupId;

    /// <summary>
    /// Records per insert, per partition (a window record gives one row per series); a full
    /// partition is paused until its batch is written, which bounds memory. While a write runs
    /// batches fill up to this size whatever their age, so a sink that is behind writes large inserts.
    /// </summary>
    public int BatchSize { get; set; } = 20_000;

    /// <summary>Longest a record waits in a partition's batch before the batch is written, when no write is running (else the batch goes with the next write).</summary>
    public TimeSpan BatchTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>First wait after a failed insert; doubles up to <see cref="RetryMaxDelay"/>.</summary>
    public TimeSpan RetryInitialDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Inserts in flight at once per topic (one per partition batch).</summary>
    public int MaxParallelInserts { get; set; } = 2;

    /// <summary>
    /// Records per partition a new record is compared with: one equal to any of them, byte for
    /// byte, is a stage's replay after a crash and is not written again (0: every record is
    /// written). Not applied to logs, where two equal lines in one second are two events. It
    /// must cover what a stage produces between two commits (1 s by default; 10,000 covers
    /// 10,000 servers on one partition); each costs ~30 bytes per partition and table.
    /// </summary>
    public int RepeatLookback { get; set; } = 10_000;

    /// <summary>Topic whose samples land in <c>metrics_raw</c>: the normalised samples by default, or metrics.raw when no processor runs.</summary>
    public string MetricsTopic { get; set; } = TopicCatalogue.MetricsClean.Name;

    /// <summary>Topic whose lines land in <c>logs</c>: the lines with their template ids by default, or logs.raw when no processor runs.</summary>
    public string LogsTopic { get; set; } = TopicCatalogue.LogsClean.Name;

    /// <summary>Days <c>metrics_raw</c> keeps samples; applied at start (ALTER TABLE … MODIFY TTL) when it differs.</summary>
    public int MetricsRawTtlDays { get; set; } = 30;

    /// <summary>Tables the sink fills; empty means all of them (metrics_raw, metric_windows, logs, anomalies, alerts, notifications, forecasts).</summary>
    public IList<string> Tables { get; } = [];

    internal void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(GroupId, "Sink:GroupId");
        ArgumentException.ThrowIfNullOrWhiteSpace(MetricsTopic, "Sink:MetricsTopic");
        ArgumentException.ThrowIfNullOrWhiteSpace(LogsTopic, "Sink:LogsTopic");
        if (BatchSize < 1 || MaxParallelInserts < 1 || MetricsRawTtlDays < 1)
        {
            throw new ArgumentException("Sink:BatchSize, Sink:MaxParallelInserts and Sink:MetricsRawTtlDays must be at least 1.");
        }

        if (RepeatLookback < 0)
        {
            throw new ArgumentException("Sink:RepeatLookback must be 0 (off) or more.");
        }

        if (BatchTimeout <= TimeSpan.Zero || RetryInitialDelay <= TimeSpan.Zero || RetryMaxDelay < RetryInitialDelay)
        {
            throw new ArgumentException("Sink:BatchTimeout and Sink:RetryInitialDelay must be positive and Sink:RetryMaxDelay at least Sink:RetryInitialDelay.");
        }
    }
}
