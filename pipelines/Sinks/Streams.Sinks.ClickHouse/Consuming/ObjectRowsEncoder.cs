using ClickHouse.Driver;
using Confluent.Kafka;
using Streams.Sinks.ClickHouse.DeadLetters;

namespace Streams.Sinks.ClickHouse.Consuming;

/// <summary>The generic encoding: each record decoded and mapped to object rows, a batch inserted by the driver's binary insert.</summary>
internal sealed class ObjectRowsEncoder<T>(RecordDecoder<T> decoder) : IBatchEncoder<List<object[]>>
    where T : class
{
    public string Table => decoder.Mapper.Table;

    public async Task<DecodedRecords<List<object[]>>> DecodeAsync(IReadOnlyList<ConsumeResult<Ignore, byte[]?>> records, CancellationToken cancellationToken)
    {
        var rows = new List<object[]>(records.Count);
        var letters = new List<DeadLetter>();
        foreach (var record in records)
        {
            await decoder.AddAsync(record, rows, letters, cancellationToken);
        }

        return new DecodedRecords<List<object[]>>(rows, rows.Count, letters);
    }

    public Task InsertAsync(ClickHouseClient client, OffsetRange range, IReadOnlyList<List<object[]>> chunks, CancellationToken cancellationToken)
    {
        var rows = chunks.Count == 1 ? chunks[0] : [.. chunks.SelectMany(c => c)];
        return BatchInsert.InsertAsync(client, decoder.Mapper, range, rows, cancellationToken);
    }
}
