using Confluent.Kafka;

namespace Streams.Sinks.ClickHouse.DeadLetters;

/// <summary>A consumed record the sink cannot write, with the reason code and explanation.</summary>
internal sealed record DeadLetter(TopicPartitionOffset Source, byte[]? Value, string Reason, string Detail);
