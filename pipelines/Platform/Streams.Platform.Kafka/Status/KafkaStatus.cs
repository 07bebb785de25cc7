namespace Streams.Platform.Kafka.Status;

/// <summary>A snapshot of the cluster for health checks and <c>streams status</c>.</summary>
public sealed record KafkaStatus(int Brokers, IReadOnlyList<TopicStatus> Topics, IReadOnlyList<GroupLag> Lags);
