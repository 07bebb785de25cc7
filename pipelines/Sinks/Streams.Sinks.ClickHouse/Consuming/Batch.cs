using Confluent.Kafka;
using Streams.Sinks.ClickHouse.DeadLetters;

namespace Streams.Sinks.ClickHouse.Consuming;

/// <summary>Consecutive records of one partition on their way into one insert.</summary>
internal sealed class Batch(TopicPartition partition, long firstOffset, long? requiredLast, long openedAt)
{
    public TopicPartition Partition { get; } = partition;

    public long FirstOffset { get; } = firstOffset;

    /// <summary>Last offset added so far, or the end a recorded intent fixes.</summary>
    public long LastOffset { get; private set; } = firstOffset - 1;

    /// <summary>Set when a previous owner recorded this batch's range before crashing: the batch must end exactly there.</summary>
    public long? RequiredLast { get; } = requiredLast;

    /// <summary><see cref="Environment.TickCount64"/> when the first record arrived.</summary>
    public long OpenedAt { get; } = openedAt;

    public List<object[]> Rows { get; } = [];

    public List<DeadLetter> DeadLetters { get; } = [];

    public OffsetRange Range => new(Partition, FirstOffset, RequiredLast ?? LastOffset);

    public bool IsComplete => RequiredLast is { } last && LastOffset >= last;

    public void Advance(long offset) => LastOffset = offset;
}
