using System.Globalization;
using ClickHouse.Driver;
using ClickHouse.Driver.ADO.Parameters;
using Confluent.Kafka;

namespace Streams.Sinks.ClickHouse.Consuming;

/// <summary>
/// The <c>sink_batches</c> table: each batch's offset range is recorded before its insert, and
/// recorded again as landed once the insert is confirmed. Offsets are committed to Kafka only
/// after that, so a crash in between replays the range; the next owner reads the range back and
/// rebuilds exactly that batch: a landed one is skipped, another is inserted with the same token,
/// which ClickHouse drops if that insert had landed after all, and which is not inserted again
/// when the table holds its rows (<see cref="RowsLandedAsync"/>: ClickHouse forgets tokens when it
/// is killed). Without it a replayed batch could be cut at other offsets (batches also close on
/// time), carry another token and be written twice.
/// </summary>
internal sealed class BatchIntents(ClickHouseClient client, string consumerGroup)
{
    private static readonly string[] Columns = ["consumer_group", "topic", "partition", "first_offset", "last_offset", "first_timestamp", "landed"];

    /// <summary>Before the insert: these ranges are about to be written.</summary>
    public Task RecordAsync(IReadOnlyCollection<OffsetRange> ranges, CancellationToken cancellationToken) => WriteAsync(ranges, landed: false, cancellationToken);

    /// <summary>After the insert is confirmed, before the offsets are committed.</summary>
    public Task MarkLandedAsync(IReadOnlyCollection<OffsetRange> ranges, CancellationToken cancellationToken) => WriteAsync(ranges, landed: true, cancellationToken);

    private Task<long> WriteAsync(IReadOnlyCollection<OffsetRange> ranges, bool landed, CancellationToken cancellationToken) =>
        client.InsertBinaryAsync("sink_batches", Columns,
            ranges.Select(r => new object[] { consumerGroup, r.Partition.Topic, (uint)r.Partition.Partition.Value, r.First, r.Last, r.FirstTimestampMs, landed }),
            cancellationToken: cancellationToken);

    /// <summary>
    /// The recorded range that covers <paramref name="offset"/> (the partition's restart position),
    /// if any. A range starting there counts only when its first record had the timestamp of the
    /// record now read there: otherwise the topic was created anew and the range is another run's.
    /// </summary>
    public async Task<RecordedBatch?> CoveringAsync(TopicPartition partition, long offset, long timestampMs, CancellationToken cancellationToken)
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
            "SELECT first_offset, last_offset, first_timestamp, max(landed) FROM sink_batches WHERE consumer_group = {group:String} AND topic = {topic:String} " +
            "AND partition = {partition:UInt32} AND first_offset <= {offset:Int64} AND last_offset >= {offset:Int64} " +
            "AND (first_offset < {offset:Int64} OR first_timestamp = {timestamp:Int64}) " +
            "GROUP BY first_offset, last_offset, first_timestamp ORDER BY first_offset DESC LIMIT 1", parameters, cancellationToken: cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new RecordedBatch(new OffsetRange(partition, reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2)), reader.GetBoolean(3))
            : null;
    }

    /// <summary>
    /// The rows of <paramref name="table"/> that an insert of <paramref name="range"/> wrote (either
    /// of its <see cref="OffsetRange.Tokens"/>): each row carries its insert's token (<c>sink_batch</c>), so this holds even where ClickHouse
    /// forgot the token and the batch was never recorded as landed.
    /// </summary>
    public async Task<ulong> RowsLandedAsync(string table, OffsetRange range, CancellationToken cancellationToken) =>
        Convert.ToUInt64(await client.ExecuteScalarAsync($"SELECT count() FROM {table} WHERE sink_batch IN ({{first:String}}, {{again:String}})", Token(range), cancellationToken: cancellationToken), CultureInfo.InvariantCulture);

    /// <summary>Deletes the rows an insert of <paramref name="range"/> wrote, before it is inserted again whole.</summary>
    public Task DiscardRowsAsync(string table, OffsetRange range, CancellationToken cancellationToken) =>
        client.ExecuteNonQueryAsync($"DELETE FROM {table} WHERE sink_batch IN ({{first:String}}, {{again:String}})", Token(range), cancellationToken: cancellationToken);

    private static ClickHouseParameterCollection Token(OffsetRange range) =>
    [
        new ClickHouseDbParameter { ParameterName = "first", Value = range.Tokens[0] },
        new ClickHouseDbParameter { ParameterName = "again", Value = range.Tokens[1] },
    ];
}
