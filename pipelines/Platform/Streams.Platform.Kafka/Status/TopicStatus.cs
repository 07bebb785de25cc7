namespace Streams.Platform.Kafka.Status;

/// <summary>One topic as the cluster reports it: partitions, and offsets summed over them.</summary>
/// <param name="Messages">Records currently held (end minus start offsets), what retention has not removed.</param>
public sealed record TopicStatus(string Name, int Partitions, long EndOffset, long Messages);
