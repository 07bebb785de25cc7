namespace Streams.Api.Contracts;

/// <summary>One consumer group on one topic: records not yet processed (summed over partitions, and the most in one) and how long ago the oldest of them was written.</summary>
internal sealed record ConsumerLagView(string Group, string Topic, long Records, long MaxPartitionRecords, double Seconds);
