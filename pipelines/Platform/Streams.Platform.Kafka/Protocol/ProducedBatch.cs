namespace Streams.Platform.Kafka.Protocol;

/// <summary>One partition's record batch of a Produce request: where it lies in the request frame.</summary>
internal readonly record struct ProducedBatch(string Topic, int Partition, int Offset, int Length);
