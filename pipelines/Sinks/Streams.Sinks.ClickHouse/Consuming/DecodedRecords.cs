using Streams.Sinks.ClickHouse.DeadLetters;

namespace Streams.Sinks.ClickHouse.Consuming;

/// <summary>What decoding a chunk of records gave: <paramref name="RowCount"/> rows for the table and dead letters for the records that cannot be written.</summary>
internal sealed record DecodedRecords<TRows>(TRows Rows, int RowCount, List<DeadLetter> DeadLetters);
