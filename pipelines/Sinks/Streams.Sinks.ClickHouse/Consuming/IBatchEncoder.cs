using ClickHouse.Driver;
using Confluent.Kafka;

namespace Streams.Sinks.ClickHouse.Consuming;

/// <summary>How one topic's records become rows of one table, and how a batch of them is inserted.</summary>
/// <typeparam name="TRows">The rows of a chunk of records, in the form the insert sends them.</typeparam>
internal interface IBatchEncoder<TRows>
    where TRows : class
{
    string Table { get; }

    /// <summary>Decodes a chunk of a batch's records. Runs on the thread pool, several chunks at once.</summary>
    Task<DecodedRecords<TRows>> DecodeAsync(IReadOnlyList<ConsumeResult<Ignore, byte[]?>> records, CancellationToken cancellationToken);

    /// <summary>
    /// Inserts the rows of a batch's chunks, in this order, as one request with the range's
    /// deduplication token (see <see cref="BatchInsert"/>). Called again on failure.
    /// </summary>
    Task InsertAsync(ClickHouseClient client, OffsetRange range, IReadOnlyList<TRows> chunks, CancellationToken cancellationToken);
}
