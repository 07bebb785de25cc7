namespace Streams.Platform.Kafka.Journal;

/// <summary>
/// Where an acknowledged record batch lies in the journal: <see cref="Segment"/> file,
/// <see cref="Position"/> and <see cref="Length"/> of the batch bytes, and the offsets it took.
/// </summary>
internal sealed record JournalBatch(string Topic, int Partition, long BaseOffset, int Span, long MaxTimestamp, string Segment, long Position, int Length)
{
    public long NextOffset => BaseOffset + Span;
}
