using System.Globalization;
using Confluent.Kafka;

namespace Streams.Sinks.ClickHouse.Consuming;

/// <summary>
/// Offsets first..last (inclusive) of one topic partition, and the Kafka timestamp of the record
/// at <see cref="First"/>: what one insert covers.
/// </summary>
internal readonly record struct OffsetRange(TopicPartition Partition, long First, long Last, long FirstTimestampMs)
{
    /// <summary>
    /// The insert_deduplication_token: the same records always yield the same token, so a batch
    /// re-inserted after a crash is dropped by ClickHouse if the first insert had landed. The
    /// first record's timestamp tells apart the same offsets of a topic that was created anew
    /// (an embedded broker keeps nothing across restarts, ClickHouse keeps its data): without
    /// it their rows would be dropped as duplicates of the previous run's.
    /// </summary>
    public string DeduplicationToken => string.Create(CultureInfo.InvariantCulture, $"{Partition.Topic}:{Partition.Partition.Value}:{First}-{Last}@{FirstTimestampMs}");
}
