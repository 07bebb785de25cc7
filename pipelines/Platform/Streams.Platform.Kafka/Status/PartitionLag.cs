namespace Streams.Platform.Kafka.Status;

/// <summary>One partition: its end offset and the group's committed offset (the start offset when it committed none).</summary>
public sealed record PartitionLag(int Partition, long EndOffset, long Committed)
{
    /// <summary>Records written and not yet processed by the group.</summary>
    public long Lag => Math.Max(0, EndOffset - Committed);
}
