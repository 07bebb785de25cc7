namespace Streams.Platform.Kafka.Protocol;

/// <summary>One partition of a response: its error code and the offset it reports (base offset, log start offset), −1 when none.</summary>
internal readonly record struct PartitionResult(string Topic, int Partition, short ErrorCode, long Offset);
