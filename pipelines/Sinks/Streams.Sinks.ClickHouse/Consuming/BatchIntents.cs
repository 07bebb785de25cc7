using ClickHouse.Driver;
using ClickHouse.Driver.ADO.Parameters;
using Confluent.Kafka;

namespace Streams.Sinks.ClickHouse.Consuming;

/// <summary>
/// The <c>sink_batches</c> table: each batch's offset range is recorded before its insert.
/// Offsets are committed to Kafka only after the insert, so a crash in between replays the
/// range; the next owner reads the range back and rebuilds exactly that batch, whose token
/// then matches and ClickHouse drops the duplicate. Without it a replayed batch could be cut
/// at other offsets (batches also close on time), carry another token and be written twice.
/// </summary>
internal sealed class BatchIntents(ClickHouseClient client, string consumerGroup)
{
    private static readonly string[] Columns = ["consumer_group", "topic", "partition", "first_offset", "last_offset", "first_timestamp"];

    public Task RecordAsync(IReadOnlyCollection<OffsetRange> ranges, CancellationToken cancellationToken) =>
        client.InsertBinaryAsync("sink_batches", Columns,
            ranges.Select(r => new object[] { consumerGroup, r.Partition.Topic, (uint)r.Partition.Partition.Value, r.First, r.Last, r.FirstTimestampMs }),
            cancellationToken: cancellationToken);

    /// <summary>
    /// The recorded range that covers <paramref name="offset"/> (the partition's restart position),
    /// if any. A range starting there counts only when its first record had the timestamp of the
    /// record now read there: otherwise the topic was created anew and the range is another run's.
    /// </summary>
    public async Task<OffsetRange?> CoveringAsync(TopicPartition partition, long offset, long timestampMs, CancellationToken cancellationToken)
    {
        var parameters = new ClickHouseParameterCollection
        {
            new ClickHouseDbParameter { ParameterName = "group", Value = consumerGroup },
            new ClickHouseDbParameter { ParameterName = "topic", Value = partition.Topic },
            new ClickHouseDbParameter { ParameterName = "partition", Value = (uint)partition.Partition.Value },
            new ClickHouseDbParameter { ParameterName = "offset", Value = offset },
            new ClickHouseDbParameter { ParameterName = "timestamp", Value = timestampMs },
        };
        using var reader = await client.ExecuteReaderAsync(
            "SELECT first_offset, last_offset, first_timestamp FROM sink_batches WHERE consumer_group = {group:String} AND topic = {topic:String} " +
            "AND partition = {partition:UInt32} AND first_offset <= {offset:Int64} AND last_offset >= {offset:Int64} " +
            "AND (first_offset < {offset:Int64} OR first_timestamp = {timestamp:Int64}) " +
            "ORDER BY first_offset DESC LIMIT 1", parameters, cancellationToken: cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new OffsetRange(partition, reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2))
            : null;
    }
}
