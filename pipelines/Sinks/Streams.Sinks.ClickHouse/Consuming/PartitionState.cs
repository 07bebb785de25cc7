using Confluent.Kafka;

namespace Streams.Sinks.ClickHouse.Consuming;

/// <summary>What the sink holds for one assigned partition: the batch being filled and the sealed ones waiting to be written.</summary>
internal sealed class PartitionState<TRows>(TopicPartition partition, RecordedBatch? intent)
    where TRows : class
{
    public TopicPartition Partition { get; } = partition;

    /// <summary>A range a previous owner recorded but may not have committed; consumed once by the first batch.</summary>
    public RecordedBatch? Intent { get; set; } = intent;

    public Batch<TRows>? Open { get; set; }

    /// <summary>The values of the partition's last records, when the topic's replays are dropped; null otherwise.</summary>
    public RecentRecords? Recent { get; init; }

    /// <summary>Records before this offset are read again only to fill <see cref="Recent"/>: a previous owner wrote them.</summary>
    public long RecallUntil { get; init; }

    public Queue<Batch<TRows>> Sealed { get; } = new();

    /// <summary>Paused because both the open batch and a sealed one are full: memory stays bounded while ClickHouse is slow or down.</summary>
    public bool Paused { get; set; }
}
