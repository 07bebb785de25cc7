namespace Streams.Platform.Kafka.Journal;

/// <summary>What a journal entry records; the byte value is stored, so never renumber.</summary>
internal enum JournalEntryType : byte
{
    Topic = 1,
    Batch = 2,
    Commit = 3,
}
