using Confluent.Kafka;

namespace Streams.Host.DeadLetters;

/// <summary>
/// Reads a dead-letter topic by assigning its partitions directly: it never joins a consumer group
/// nor commits, so reading leaves no trace on the cluster and cannot take partitions from anyone.
/// (It never lists groups either: ListConsumerGroups crashes the embedded broker.)
/// </summary>
internal sealed class DeadLetterReader : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(200);

    // A reachable broker that sends nothing for this long before the end offsets is stuck, not slow.
    private static readonly TimeSpan Idle = TimeSpan.FromSeconds(15);

    private readonly string _bootstrapServers;
    private readonly string _topic;
    private readonly IConsumer<byte[]?, byte[]?> _consumer;

    public DeadLetterReader(string bootstrapServers, string topic)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(bootstrapServers);
        ArgumentException.ThrowIfNullOrWhiteSpace(topic);
        _bootstrapServers = bootstrapServers;
        _topic = topic;
        _consumer = new ConsumerBuilder<byte[]?, byte[]?>(new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            // Required by the client, never used: Assign does not join, and nothing commits.
            GroupId = "streams-deadletter-" + Guid.NewGuid().ToString("N"),
            EnableAutoCommit = false,
            EnableAutoOffsetStore = false,
            AutoOffsetReset = AutoOffsetReset.Earliest,
            // The end of a partition can hold transaction markers rather than records; EOF says it is reached all the same.
            EnablePartitionEof = true,
            SocketTimeoutMs = (int)Timeout.TotalMilliseconds,
        }).SetLogHandler(Quiet).SetErrorHandler(Quiet).Build();
    }

    /// <summary>The topic's partitions with their start and end offsets now.</summary>
    /// <exception cref="KafkaException">The cluster did not answer.</exception>
    /// <exception cref="InvalidOperationException">The cluster has no such topic.</exception>
    public IReadOnlyDictionary<TopicPartition, WatermarkOffsets> Watermarks()
    {
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = _bootstrapServers, SocketTimeoutMs = (int)Timeout.TotalMilliseconds })
            .SetLogHandler(Quiet).SetErrorHandler(Quiet).Build();
        // Metadata for all topics rather than for this one: a request naming a topic can auto-create it.
        var topic = admin.GetMetadata(Timeout).Topics.Find(t => t.Topic == _topic && t.Error.Code == ErrorCode.NoError)
            ?? throw new InvalidOperationException($"{_bootstrapServers} has no topic {_topic}: is this the Streams platform's Kafka?");
        return topic.Partitions
            .Select(p => new TopicPartition(_topic, p.PartitionId))
            .ToDictionary(tp => tp, tp => _consumer.QueryWatermarkOffsets(tp, Timeout));
    }

    /// <summary>The last <paramref name="count"/> records matching <paramref name="filter"/> below the end offsets, oldest first.</summary>
    public IReadOnlyList<DeadLetterRecord> Last(IReadOnlyDictionary<TopicPartition, WatermarkOffsets> watermarks, int count, DeadLetterFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(watermarks);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentNullException.ThrowIfNull(filter);
        if (count == 0)
        {
            return [];
        }

        // The last N overall are among the last N of each partition. With a filter the matches
        // can be anywhere, so each partition is read whole; dead letters are few, so that is cheap.
        var ranges = watermarks.ToDictionary(
            w => w.Key,
            w => (Start: filter.IsEmpty ? Math.Max(w.Value.Low.Value, w.Value.High.Value - count) : w.Value.Low.Value, End: w.Value.High.Value));
        var tails = watermarks.Keys.ToDictionary(tp => tp.Partition.Value, _ => new Queue<DeadLetterRecord>(count));
        Scan(ranges, record =>
        {
            if (filter.Matches(record))
            {
                var tail = tails[record.Partition];
                if (tail.Count == count)
                {
                    tail.Dequeue();
                }

                tail.Enqueue(record);
            }
        }, cancellationToken);

        return [.. tails.Values.SelectMany(t => t).OrderBy(r => r.Timestamp).ThenBy(r => r.Partition).ThenBy(r => r.Offset).TakeLast(count)];
    }

    /// <summary>Every record below the end offsets, counted per stage and reason, most first.</summary>
    public IReadOnlyList<DeadLetterCount> Count(IReadOnlyDictionary<TopicPartition, WatermarkOffsets> watermarks, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(watermarks);
        var counts = new Dictionary<(string Stage, string Reason), long>();
        Scan(watermarks.ToDictionary(w => w.Key, w => (Start: w.Value.Low.Value, End: w.Value.High.Value)), record =>
        {
            var key = (record.Stage, record.Reason);
            counts[key] = counts.GetValueOrDefault(key) + 1;
        }, cancellationToken);

        return [.. counts
            .Select(c => new DeadLetterCount(c.Key.Stage, c.Key.Reason, c.Value))
            .OrderByDescending(c => c.Records).ThenBy(c => c.Stage, StringComparer.Ordinal).ThenBy(c => c.Reason, StringComparer.Ordinal)];
    }

    /// <summary>Hands over each record matching <paramref name="filter"/> from the end offsets on, as it arrives, until cancelled.</summary>
    public void Follow(IReadOnlyDictionary<TopicPartition, WatermarkOffsets> watermarks, DeadLetterFilter filter, Action<DeadLetterRecord> onRecord, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(watermarks);
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(onRecord);
        // From the end offsets read before the backlog, so whatever arrived while it printed is not skipped.
        _consumer.Assign(watermarks.Select(w => new TopicPartitionOffset(w.Key, w.Value.High)));
        while (!cancellationToken.IsCancellationRequested)
        {
            if (_consumer.Consume(Poll) is { IsPartitionEOF: false } result && DeadLetterRecord.From(result) is var record && filter.Matches(record))
            {
                onRecord(record);
            }
        }
    }

    public void Dispose()
    {
        // Close() would leave a group this consumer never joined; disposing is enough.
        _consumer.Dispose();
    }

    private static void Quiet<TClient, TMessage>(TClient client, TMessage message)
    {
        // librdkafka logs every failed connection attempt; the verb reports the outcome in one line instead.
    }

    /// <exception cref="TimeoutException">The broker stopped sending before the end offsets.</exception>
    private void Scan(Dictionary<TopicPartition, (long Start, long End)> ranges, Action<DeadLetterRecord> onRecord, CancellationToken cancellationToken)
    {
        var pending = ranges.Where(r => r.Value.Start < r.Value.End).ToDictionary(r => r.Key, r => r.Value.End);
        if (pending.Count == 0)
        {
            return;
        }

        _consumer.Assign(pending.Keys.Select(tp => new TopicPartitionOffset(tp, ranges[tp].Start)));
        var lastHeard = DateTime.UtcNow;
        while (pending.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var result = _consumer.Consume(Poll);
            if (result is null)
            {
                if (DateTime.UtcNow - lastHeard > Idle)
                {
                    throw new TimeoutException($"{_bootstrapServers} sent nothing of {_topic} for {Idle.TotalSeconds:0} s before its end offsets.");
                }

                continue;
            }

            lastHeard = DateTime.UtcNow;
            if (!pending.TryGetValue(result.TopicPartition, out var end))
            {
                continue;
            }

            // Records that arrived after the end offsets were read belong to --follow, not to this scan.
            if (!result.IsPartitionEOF && result.Offset.Value < end)
            {
                onRecord(DeadLetterRecord.From(result));
            }

            if (result.Offset.Value >= (result.IsPartitionEOF ? end : end - 1))
            {
                pending.Remove(result.TopicPartition);
            }
        }
    }
}
