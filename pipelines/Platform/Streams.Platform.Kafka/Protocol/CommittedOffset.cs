namespace Streams.Platform.Kafka.Protocol;

/// <summary>A consumer group's committed position in one partition.</summary>
internal readonly record struct CommittedOffset(string Group, string Topic, int Partition, long Offset, string? Metadata);
