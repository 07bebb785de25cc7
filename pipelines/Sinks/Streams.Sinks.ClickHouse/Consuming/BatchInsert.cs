using ClickHouse.Driver;
using Streams.Sinks.ClickHouse.Rows;

namespace Streams.Sinks.ClickHouse.Consuming;

/// <summary>The one insert of a batch: binary RowBinary bulk insert with the range's deduplication token.</summary>
internal static class BatchInsert
{
    public static Task<long> InsertAsync<T>(ClickHouseClient client, IRowMapper<T> mapper, OffsetRange range, IReadOnlyCollection<object[]> rows,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(mapper);
        ArgumentNullException.ThrowIfNull(rows);

        // One request per batch: the driver would otherwise split it (BatchSize) and send every
        // part with the same token, and ClickHouse would drop all parts but the first. The
        // response counts deduplicated rows as written, so the count says nothing about dedup.
        var options = new InsertOptions
        {
            BatchSize = Math.Max(rows.Count, 1),
            MaxDegreeOfParallelism = 1,
            UseSchemaCache = true,
            CustomSettings = new Dictionary<string, object> { ["insert_deduplication_token"] = range.DeduplicationToken },
        };
        return client.InsertBinaryAsync(mapper.Table, mapper.Columns, rows, options, cancellationToken);
    }
}
