namespace Streams.Platform.Kafka.Status;

/// <summary>How far one consumer group trails one topic, partition by partition.</summary>
public sealed record TopicLag(string Group, string Topic, IReadOnlyList<PartitionLag> Partitions)
{
    /// <summary>Records behind, summed over partitions: what <c>streams status</c> shows.</summary>
    public long Records => Partitions.Sum(p => p.Lag);

    /// <summary>The most any one partition trails; the embedded broker's ~5 MiB limit is per partition.</summary>
    public long MaxPartitionRecords => Partitions.Count == 0 ? 0 : Partitions.Max(p => p.Lag);
}
