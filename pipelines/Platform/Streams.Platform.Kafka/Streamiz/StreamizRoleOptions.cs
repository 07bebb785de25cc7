using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using Streamiz.Kafka.Net;
using Streamiz.Kafka.Net.SerDes;

namespace Streams.Platform.Kafka.Streamiz;

/// <summary>What every role that runs a Streamiz application binds from its configuration section.</summary>
public abstract class StreamizRoleOptions
{
    /// <summary>Kafka Streams application id: the consumer group (whose lag `streams status` shows) and the prefix of the changelog topics. Instances with the same id split the partitions.</summary>
    public abstract string ApplicationId { get; set; }

    /// <summary>Where RocksDB keeps the state stores; a directory per instance.</summary>
    public abstract string StateDir { get; set; }

    public int StreamThreads { get; set; } = 1;

    /// <summary>How often offsets are committed and stores flushed; also bounds the replay after a crash.</summary>
    public int CommitIntervalMs { get; set; } = 1000;

    /// <summary>
    /// Measured on the embedded broker: with Kafka's 45 s default a restarted instance waits that
    /// long for its predecessor's member to expire before it gets partitions back.
    /// </summary>
    public int SessionTimeoutMs { get; set; } = 10_000;

    /// <summary>
    /// AT_LEAST_ONCE by default: the sinks are idempotent and the stores tolerate a replay.
    /// EXACTLY_ONCE needs a broker with transactions (a real Kafka cluster; the embedded
    /// broker does not implement them).
    /// </summary>
    public ProcessingGuarantee Guarantee { get; set; } = ProcessingGuarantee.AT_LEAST_ONCE;

    /// <summary>
    /// How long a fetch waits for data (librdkafka's fetch.wait.max.ms, default 500). The
    /// embedded broker holds an empty fetch for the full wait even when data arrives, which cost
    /// ~500 ms per topic hop: the alerting benchmark's p99 went from 1.2 s to 0.19 s with 10 ms
    /// here and for <see cref="PollMs"/>, for 0.07 cores more. A real broker answers as soon as
    /// data arrives, so a short wait only adds idle fetches.
    /// </summary>
    public int FetchWaitMaxMs { get; set; } = 10;

    /// <summary>How long a stream thread polls before it runs punctuations and commits (Streamiz' poll.ms, default 100).</summary>
    public int PollMs { get; set; } = 10;

    /// <summary>
    /// How long a stream thread may go without polling Kafka before the stream is closed and
    /// started again (<see cref="StreamThreadWatch"/>); 0: never. A healthy thread polls every
    /// <see cref="PollMs"/> when idle and after each buffered batch when busy.
    /// </summary>
    public int StallTimeoutMs { get; set; } = 30_000;

    /// <summary>Replication factor of the role's changelog and repartition topics; -1 takes the broker's default.</summary>
    public short InternalTopicReplicationFactor { get; set; } = -1;

    /// <summary>The Streamiz configuration of these settings, for a cluster at <paramref name="bootstrapServers"/>.</summary>
    public StreamConfig<StringSerDes, StringSerDes> ToStreamConfig(string bootstrapServers, ILoggerFactory loggers)
    {
        // Setting the guarantee resets the commit interval to its default for that guarantee
        // (30 s for at-least-once), so it goes first: set after, it silently made every role
        // commit, and flush its stores, every 30 s whatever CommitIntervalMs said, and a crash
        // replayed up to 30 s of output.
        var config = new StreamConfig<StringSerDes, StringSerDes> { Guarantee = Guarantee };
        config.ApplicationId = ApplicationId;
        config.BootstrapServers = bootstrapServers;
        config.StateDir = StateDir;
        config.NumStreamThreads = StreamThreads;
        config.CommitIntervalMs = CommitIntervalMs;
        config.SessionTimeoutMs = SessionTimeoutMs;
        config.AutoOffsetReset = AutoOffsetReset.Earliest;
        config.FetchWaitMaxMs = FetchWaitMaxMs;
        config.PollMs = PollMs;
        config.ReplicationFactor = InternalTopicReplicationFactor;
        config.Logger = loggers;
        return config;
    }
}
