using System.Globalization;
using Confluent.Kafka;

namespace Streams.Sinks.ClickHouse.Consuming;

/// <summary>Offsets first..last (inclusive) of one topic partition: what one insert covers.</summary>
internal readonly record struct OffsetRange(TopicPartition Partition, long First, long Last)
{
    /// <summary>
    /// The insert_deduplication_token: the same range always yields the same token, so a batch
    /// re-inserted after a crash is dropped by ClickHouse if the first insert had landed.
    /// </summary>
    public string DeduplicationToken => string.Create(CultureInfo.InvariantCulture, $"{Partition.Topic}:{Partition.Partition.Value}:{First}-{Last}");
}
