using System.Net;
using Microsoft.Extensions.Logging;
using Streams.Platform.Kafka.Native;
using Streams.Platform.Kafka.Protocol;

namespace Streams.Platform.Kafka.Journal;

/// <summary>
/// Puts a journal back into a fresh embedded broker: its topics, every batch at its original
/// offsets (a gap left by retention, compaction or an unacknowledged write becomes a control batch
/// that consumers skip), then each group's committed offsets, before any client connects.
/// </summary>
internal sealed class JournalReplayer : IDisposable
{
    private const short ProduceVersion = 3;
    private const short OffsetCommitVersion = 2;
    private const short NotLeader = 6;
    private const short NotCoordinator = 16;
    private const int InFlight = 64;
    private const int AutoCreatedPartitions = 4;
    private const long BrokerMemoryBytes = 4L << 20;
    private const int BrokerMemoryBatches = 50_000;
    private readonly RawKafkaConnection[] _brokers;
    private readonly ILogger _logger;

    public JournalReplayer(IReadOnlyList<string> brokerAddresses, ILogger logger)
    {
        _logger = logger;
        _brokers = [.. brokerAddresses.Select(a => new RawKafkaConnection(IPEndPoint.Parse(a)))];
    }

    /// <summary>
    /// Replays <paramref name="state"/> from <paramref name="folder"/>; returns the batches replayed.
    /// A compacted topic (<paramref name="policy"/>) is replayed compacted, its last record per key
    /// only, whether or not the journal itself was rewritten at this start.
    /// </summary>
    public long Replay(JournalState state, string folder, MockCluster cluster, int replicationFactor, Func<string, TopicRetention> policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        foreach (var (topic, partitions) in state.Topics)
        {
            cluster.CreateTopic(topic, partitions, replicationFactor);
        }

        // Topics auto-created by a produce were never announced to the journal: the broker made them with 4 partitions.
        foreach (var group in state.Partitions.Keys.Where(k => !state.Topics.ContainsKey(k.Topic)).GroupBy(k => k.Topic))
        {
            var partitions = Math.Max(AutoCreatedPartitions, group.Max(k => k.Partition) + 1);
            cluster.CreateTopic(group.Key, partitions, replicationFactor);
            state.Topics[group.Key] = partitions;
        }

        long replayed = 0;
        foreach (var ((topic, partition), batches) in state.Partitions)
        {
            replayed += ReplayPartition(topic, partition, Held(topic, partition, batches, folder, policy(topic).Compact));
        }

        RestoreCommits(state.Commits.Values);
        return replayed;
    }

    public void Dispose()
    {
        foreach (var broker in _brokers)
        {
            broker.Dispose();
        }
    }

    /// <summary>
    /// The batches of a partition the broker will hold, in offset order. The broker keeps only
    /// the last ~5 MiB of a partition in memory: older batches would be dropped as soon as
    /// replayed, so replay starts where its memory would begin. A compacted topic's older records
    /// are its keys' only values (a rule, a model, an API key written once), so it is compacted
    /// first, which is what the broker could not do itself.
    /// </summary>
    private List<(long BaseOffset, byte[] Batch)> Held(string topic, int partition, List<JournalBatch> batches, string folder, bool compact)
    {
        var firstRaw = FirstHeld(batches.ConvertAll(b => b.Length));
        if (!compact || firstRaw == 0)
        {
            return [.. batches.Skip(firstRaw).Select(b => (b.BaseOffset, KafkaJournal.ReadBatch(folder, b)))];
        }

        long dropped = 0;
        var compacted = JournalCompactor.Batches(folder, JournalCompactor.Compact(folder, batches, ref dropped), batches[^1].NextOffset).ToList();
        var first = FirstHeld(compacted.ConvertAll(b => b.Batch.Length));
        if (first > 0)
        {
            _logger.LogWarning(
                "Kafka journal: compacted {Topic} [{Partition}] holds more than the embedded broker keeps in memory; its {Batches} oldest batches are not readable until a key is written again",
                topic, partition, first);
        }

        return compacted[first..];
    }

    private long ReplayPartition(string topic, int partition, List<(long BaseOffset, byte[] Batch)> held)
    {
        var next = 0L;
        var queue = new Queue<(long Expected, byte[] Batch)>();
        foreach (var (baseOffset, bytes) in held)
        {
            if (baseOffset < next)
            {
                _logger.LogWarning("Kafka journal: {Topic} [{Partition}] holds a batch at {Offset} overlapping the one before; skipped", topic, partition, baseOffset);
                continue;
            }

            if (baseOffset > next)
            {
                queue.Enqueue((next, RecordBatch.BuildGap(next, checked((int)(baseOffset - next)))));
            }

            queue.Enqueue((baseOffset, bytes));
            next = baseOffset + RecordBatch.OffsetSpan(bytes);
        }

        var broker = FindLeader(topic, partition, queue);
        var inFlight = new Queue<long>();
        long count = 1;
        while (queue.Count > 0)
        {
            var (expected, bytes) = queue.Dequeue();
            SendBatch(broker, topic, partition, bytes);
            inFlight.Enqueue(expected);
            count++;
            if (inFlight.Count >= InFlight)
            {
                Check(broker, topic, partition, inFlight.Dequeue());
            }
        }

        while (inFlight.Count > 0)
        {
            Check(broker, topic, partition, inFlight.Dequeue());
        }

        return count;
    }

    // The first of the batches (their lengths, in offset order) that fit in the broker's memory.
    private static int FirstHeld(List<int> lengths)
    {
        long bytes = 0;
        for (var i = lengths.Count - 1; i >= 0; i--)
        {
            bytes += lengths[i];
            if (bytes > BrokerMemoryBytes || lengths.Count - i > BrokerMemoryBatches)
            {
                return Math.Min(i + 1, lengths.Count - 1);
            }
        }

        return 0;
    }

    // The first batch goes to each broker in turn until one leads the partition.
    private RawKafkaConnection FindLeader(string topic, int partition, Queue<(long Expected, byte[] Batch)> queue)
    {
        var (expected, bytes) = queue.Dequeue();
        foreach (var broker in _brokers)
        {
            SendBatch(broker, topic, partition, bytes);
            var (error, offset) = ReadProduceResponse(broker);
            if (error == NotLeader)
            {
                continue;
            }

            Verify(topic, partition, expected, error, offset);
            return broker;
        }

        throw new InvalidOperationException($"No embedded broker leads {topic} [{partition}].");
    }

    private static void SendBatch(RawKafkaConnection broker, string topic, int partition, byte[] batch) =>
        broker.Send(ApiKeys.Produce, ProduceVersion, w =>
        {
            w.String(null);
            w.Int16(-1);
            w.Int32(30_000);
            w.Int32(1);
            w.String(topic);
            w.Int32(1);
            w.Int32(partition);
            w.Bytes(batch);
        });

    private void Check(RawKafkaConnection broker, string topic, int partition, long expected)
    {
        var (error, offset) = ReadProduceResponse(broker);
        Verify(topic, partition, expected, error, offset);
    }

    private static (short Error, long Offset) ReadProduceResponse(RawKafkaConnection broker)
    {
        var response = broker.Receive();
        var header = new RequestHeader(ApiKeys.Produce, ProduceVersion, 0, 0);
        var result = ProduceExchange.ReadResponse(response, header)[0];
        return (result.ErrorCode, result.Offset);
    }

    private void Verify(string topic, int partition, long expected, short error, long offset)
    {
        if (error != 0 || offset != expected)
        {
            _logger.LogError(
                "Kafka journal: replaying {Topic} [{Partition}] at offset {Expected} gave error {Error}, offset {Offset}; its offsets no longer match the journal",
                topic, partition, expected, error, offset);
        }
    }

    private void RestoreCommits(IEnumerable<CommittedOffset> commits)
    {
        foreach (var group in commits.GroupBy(c => c.Group))
        {
            var restored = false;
            foreach (var broker in _brokers)
            {
                broker.Send(ApiKeys.OffsetCommit, OffsetCommitVersion, w => WriteCommit(w, group.Key, [.. group]));
                var header = new RequestHeader(ApiKeys.OffsetCommit, OffsetCommitVersion, 0, 0);
                var results = OffsetCommitExchange.ReadResponse(broker.Receive(), header);
                if (results.Any(r => r.ErrorCode == NotCoordinator))
                {
                    continue;
                }

                foreach (var failed in results.Where(r => r.ErrorCode != 0))
                {
                    _logger.LogError("Kafka journal: restoring group {Group}'s offset of {Topic} [{Partition}] failed with error {Error}", group.Key, failed.Topic, failed.Partition, failed.ErrorCode);
                }

                restored = true;
                break;
            }

            if (!restored)
            {
                _logger.LogError("Kafka journal: no embedded broker coordinates group {Group}; its committed offsets were not restored", group.Key);
            }
        }
    }

    private static void WriteCommit(KafkaWriter w, string group, List<CommittedOffset> offsets)
    {
        w.String(group);
        w.Int32(-1); // generation: a commit from outside any generation, as an admin tool makes
        w.String(string.Empty);
        w.Int64(-1); // retention: the broker's default
        var topics = offsets.GroupBy(o => o.Topic).ToList();
        w.Int32(topics.Count);
        foreach (var topic in topics)
        {
            w.String(topic.Key);
            w.Int32(topic.Count());
            foreach (var offset in topic)
            {
                w.Int32(offset.Partition);
                w.Int64(offset.Offset);
                w.String(offset.Metadata);
            }
        }
    }
}
