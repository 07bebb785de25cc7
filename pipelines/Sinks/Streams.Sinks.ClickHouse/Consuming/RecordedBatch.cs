namespace Streams.Sinks.ClickHouse.Consuming;

/// <summary>
/// A batch range read back from <c>sink_batches</c>, and whether its insert was confirmed. A
/// confirmed one is not inserted again: ClickHouse's deduplication log of a non-replicated table
/// is buffered in the server's memory, so a server killed with it loses the tokens of its latest
/// inserts, and their retried insert would be written twice.
/// </summary>
internal readonly record struct RecordedBatch(OffsetRange Range, bool Landed);
