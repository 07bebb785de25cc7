using ClickHouse.Driver;
using Streams.Sinks.ClickHouse.RowBinary;
using Streams.Sinks.ClickHouse.Rows;

namespace Streams.Sinks.ClickHouse.Consuming;

/// <summary>The one insert of a batch, in RowBinary, with the range's deduplication token.</summary>
internal static class BatchInsert
{
    /// <summary>Object rows, serialized by the driver's binary insert.</summary>
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
            CustomSettings = Settings(range),
        };
        return client.InsertBinaryAsync(mapper.Table, mapper.Columns, rows, options, cancellationToken);
    }

    /// <summary>
    /// Rows already in RowBinary, sent as they are in one request body. <paramref name="compress"/>
    /// gzips the body: worth it over a network, not to an endpoint inside this process.
    /// </summary>
    public static async Task InsertRowBinaryAsync(ClickHouseClient client, string table, IReadOnlyList<string> columns, OffsetRange range,
        IReadOnlyList<RowBinaryBuffer> chunks, bool compress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(chunks);
        await using var body = new RowBinaryStream(chunks);
        using var response = await client.InsertRawStreamAsync(table, body, "RowBinary", columns, compress,
            new QueryOptions { CustomSettings = Settings(range) }, cancellationToken);
    }

    // The token also fills each row's sink_batch column (migration 014).
    private static Dictionary<string, object> Settings(OffsetRange range) => new() { ["insert_deduplication_token"] = range.DeduplicationToken };
}
