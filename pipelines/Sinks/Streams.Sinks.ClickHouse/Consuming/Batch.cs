using Confluent.Kafka;

namespace Streams.Sinks.ClickHouse.Consuming;

/// <summary>
/// Consecutive records of one partition on their way into one insert. Records are decoded off
/// the consumer's thread in chunks of <see cref="ChunkRecords"/>, each chunk as soon as it is
/// full, so several partitions' chunks decode in parallel while the consumer goes on reading.
/// </summary>
internal sealed class Batch<TRows>(TopicPartition partition, long firstOffset, long? requiredLast, long? firstTimestampMs, long openedAt,
    Func<List<ConsumeResult<Ignore, byte[]?>>, Task<DecodedRecords<TRows>>> decode, bool landed = false)
    where TRows : class
{
    /// <summary>Records per decode task: large enough that a task costs nothing next to its decoding (~10 ms), small enough to keep both cores busy.</summary>
    public const int ChunkRecords = 2_048;

    private readonly List<Task<DecodedRecords<TRows>>> chunks = [];
    private List<ConsumeResult<Ignore, byte[]?>> pending = [];

    public TopicPartition Partition { get; } = partition;

    public long FirstOffset { get; } = firstOffset;

    /// <summary>Last offset added so far, or the end a recorded intent fixes.</summary>
    public long LastOffset { get; private set; } = firstOffset - 1;

    /// <summary>Set when a previous owner recorded this batch's range before crashing: the batch must end exactly there.</summary>
    public long? RequiredLast { get; } = requiredLast;

    /// <summary>A rebuilt batch whose insert a previous owner confirmed: its offsets are committed without writing it again.</summary>
    public bool Landed { get; } = landed;

    /// <summary><see cref="Environment.TickCount64"/> when the first record arrived.</summary>
    public long OpenedAt { get; } = openedAt;

    /// <summary>Records added (a record becomes one row, one row per series, or a dead letter).</summary>
    public int Records { get; private set; }

    /// <summary>Records passed over as replays of earlier ones (<see cref="RecentRecords"/>): in the range, not in the rows.</summary>
    public int Repeats { get; private set; }

    /// <summary>The rows and dead letters of every chunk, in offset order, once sealed; null while records can still be added.</summary>
    public Task<DecodedRecords<TRows>[]>? Decoded { get; private set; }

    /// <summary>The Kafka timestamp of the first record: the recorded one of a rebuilt batch, else that of the first record added.</summary>
    public long FirstTimestampMs { get; private set; } = firstTimestampMs ?? 0;

    public OffsetRange Range => new(Partition, FirstOffset, RequiredLast ?? LastOffset, FirstTimestampMs);

    public bool IsComplete => RequiredLast is { } last && LastOffset >= last;

    public void Add(ConsumeResult<Ignore, byte[]?> record)
    {
        Extend(record);
        pending.Add(record);
        Records++;
        LastOffset = record.Offset.Value;
        if (pending.Count >= ChunkRecords)
        {
            chunks.Add(decode(pending));
            pending = [];
        }
    }

    /// <summary>A replay of an earlier record: its offset is covered (and committed with the batch), its value not written again.</summary>
    public void Skip(ConsumeResult<Ignore, byte[]?> record)
    {
        Extend(record);
        Repeats++;
        LastOffset = record.Offset.Value;
    }

    private void Extend(ConsumeResult<Ignore, byte[]?> record)
    {
        if (Decoded is not null)
        {
            throw new InvalidOperationException("The batch is sealed.");
        }

        if (Records == 0 && Repeats == 0 && RequiredLast is null)
        {
            FirstTimestampMs = record.Message.Timestamp.UnixTimestampMs;
        }
    }

    /// <summary>No more records: decodes what is left; the chunks stay apart (the insert sends them one after another).</summary>
    public void Seal()
    {
        if (Decoded is not null)
        {
            return;
        }

        if (pending.Count > 0)
        {
            chunks.Add(decode(pending));
            pending = [];
        }

        Decoded = Task.WhenAll(chunks);
    }
}
