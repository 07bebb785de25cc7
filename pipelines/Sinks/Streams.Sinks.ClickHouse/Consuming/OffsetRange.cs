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
    /// <summary>
    /// The insert, after its rows were deleted, of a batch that landed only in part (the insert
    /// spanned partitions and stopped between them): it has a token of its own, since ClickHouse
    /// may still remember the landed part's block and would drop it again.
    /// </summary>
    public bool Again { get; init; }

    public string DeduplicationToken => Again ? FirstToken + AgainSuffix : FirstToken;

    /// <summary>Both tokens the batch's rows can carry: its first insert's and the one <see cref="Again"/>.</summary>
    public string[] Tokens => [FirstToken, FirstToken + AgainSuffix];

    private const string AgainSuffix = "/again";

    private string FirstToken => string.Create(CultureInfo.InvariantCulture, $"{Partition.Topic}:{Partition.Partition.Value}:{First}-{Last}@{FirstTimestampMs}");
}
