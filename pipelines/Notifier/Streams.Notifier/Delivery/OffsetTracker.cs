using Confluent.Kafka;

namespace Streams.Notifier.Delivery;

/// <summary>
/// Which <c>alerts</c> offsets may be committed: a record's offset only once everything it
/// caused was delivered (or given up) and audited, and only when every earlier record of its
/// partition has too. Used by the consume loop's thread alone.
/// </summary>
internal sealed class OffsetTracker
{
    private readonly Dictionary<TopicPartition, Queue<(long Offset, Task Done)>> pending = [];

    public int InFlight => pending.Values.Sum(q => q.Count);

    public void Track(TopicPartitionOffset record, Task done)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (!pending.TryGetValue(record.TopicPartition, out var queue))
        {
            pending[record.TopicPartition] = queue = new Queue<(long, Task)>();
        }

        queue.Enqueue((record.Offset.Value, done));
    }

    /// <summary>The offsets to commit now (next offset to read per partition that advanced).</summary>
    public List<TopicPartitionOffset> Ready()
    {
        var ready = new List<TopicPartitionOffset>();
        foreach (var (partition, queue) in pending)
        {
            long? last = null;
            while (queue.TryPeek(out var head) && head.Done.IsCompletedSuccessfully)
            {
                last = queue.Dequeue().Offset;
            }

            if (last is { } offset)
            {
                ready.Add(new TopicPartitionOffset(partition, offset + 1));
            }
        }

        return ready;
    }

    /// <summary>Drops partitions this instance no longer owns; their uncommitted records are the new owner's.</summary>
    public void Forget(IEnumerable<TopicPartition> partitions)
    {
        foreach (var partition in partitions)
        {
            pending.Remove(partition);
        }
    }
}
