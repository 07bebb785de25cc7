namespace Streams.Platform.Kafka.Status;

/// <summary>How far a consumer group trails the end of a topic, summed over partitions.</summary>
/// <param name="Committed">Offsets the group has committed, summed; partitions it never committed count from the start.</param>
public sealed record GroupLag(string Group, string Topic, long Committed, long Lag);
