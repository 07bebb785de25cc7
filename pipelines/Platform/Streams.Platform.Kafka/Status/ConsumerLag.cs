namespace Streams.Platform.Kafka.Status;

/// <summary>How far one consumer group is behind on one topic: records (summed, and the most in one partition) and seconds.</summary>
public sealed record ConsumerLag(string Group, string Topic, long Records, long MaxPartitionRecords, double Seconds);
