namespace Streams.Platform.Kafka.Journal;

/// <summary>How the journal writes: segment size and fsync policy (as Kafka's flush.messages / flush.ms; 0 = leave it to the OS).</summary>
internal sealed record JournalOptions(long SegmentBytes, int FlushMessages, int FlushMs);
