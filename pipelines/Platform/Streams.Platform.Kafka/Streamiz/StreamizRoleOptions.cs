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
}
