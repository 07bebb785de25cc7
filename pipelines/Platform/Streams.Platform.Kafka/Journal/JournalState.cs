using Streams.Platform.Kafka.Protocol;

namespace Streams.Platform.Kafka.Journal;

/// <summary>What a journal holds once read: topics, each partition's batches in offset order, each group's last commits.</summary>
internal sealed class JournalState
{
    public Dictionary<string, int> Topics { get; } = new(StringComparer.Ordinal);

    public Dictionary<(string Topic, int Partition), List<JournalBatch>> Partitions { get; } = [];

    public Dictionary<(string Group, string Topic, int Partition), CommittedOffset> Commits { get; } = [];

    public long Bytes { get; set; }

    public void Add(JournalBatch batch)
    {
        var key = (batch.Topic, batch.Partition);
        if (!Partitions.TryGetValue(key, out var batches))
        {
            Partitions[key] = batches = [];
        }

        batches.Add(batch);
    }

    /// <summary>Sorts each partition by base offset: concurrent producers' acknowledgements may reach the journal out of order.</summary>
    public void Sort()
    {
        foreach (var batches in Partitions.Values)
        {
            batches.Sort((a, b) => a.BaseOffset.CompareTo(b.BaseOffset));
        }
    }
}
