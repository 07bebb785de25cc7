using Microsoft.Extensions.Logging;
using Streams.Platform.Kafka.Protocol;

namespace Streams.Platform.Kafka.Journal;

/// <summary>
/// Keeps the journal from growing for ever, at each start before replay: drops the oldest batches
/// of a topic past its retention time, and keeps only the last record per key of a compacted topic.
/// What survives is written into the next generation folder, which then replaces the current one;
/// offsets are kept (dropped ones replay as gaps consumers skip, as compaction leaves in Kafka).
/// </summary>
internal static class JournalCompactor
{
    private const int RecordsPerBatch = 1000;

    /// <summary>Rewrites the journal when at least <paramref name="minShare"/> of its bytes can go; returns the folder and state to replay.</summary>
    public static (string Folder, JournalState State) Run(
        string path, string folder, JournalState state, Func<string, TopicRetention> policy, DateTimeOffset now, JournalOptions options, double minShare, ILogger logger)
    {
        var plans = new List<(string Topic, int Partition, List<object> Items)>();
        long dropped = 0;
        foreach (var ((topic, partition), batches) in state.Partitions)
        {
            var retention = policy(topic);
            var survivors = batches.AsEnumerable();
            if (retention.Retention is { } time)
            {
                var cutoff = (now - time).ToUnixTimeMilliseconds();
                survivors = survivors.SkipWhile(b => b.MaxTimestamp < cutoff);
            }

            var held = survivors.ToList();
            dropped += batches.Sum(b => (long)b.Length) - held.Sum(b => (long)b.Length);
            var items = retention.Compact ? Compact(folder, held, ref dropped) : [.. held.Cast<object>()];
            plans.Add((topic, partition, items));
        }

        if (dropped == 0 || dropped < minShare * state.Bytes)
        {
            return (folder, state);
        }

        var generation = long.Parse(Path.GetFileName(folder), System.Globalization.CultureInfo.InvariantCulture) + 1;
        var temporary = Path.Combine(path, KafkaJournal.GenerationName(generation) + ".tmp");
        Directory.CreateDirectory(temporary);
        using (var output = KafkaJournal.Create(temporary, options with { FlushMessages = 0, FlushMs = 0 }))
        {
            foreach (var (topic, partitions) in state.Topics)
            {
                output.AppendTopic(topic, partitions);
            }

            foreach (var (topic, partition, items) in plans)
            {
                var end = state.Partitions[(topic, partition)][^1].NextOffset;
                Write(output, folder, topic, partition, items, end);
            }

            output.AppendCommits([.. state.Commits.Values]);
        }

        var final = Path.Combine(path, KafkaJournal.GenerationName(generation));
        Directory.Move(temporary, final);
        Directory.Delete(folder, recursive: true);
        var compacted = KafkaJournal.Read(final, logger);
        logger.LogInformation("Kafka journal: compaction and retention took it from {Before} to {After} bytes", state.Bytes, compacted.Bytes);
        return (final, compacted);
    }

    // The items of a compacted partition in offset order: surviving records, and batches whose
    // records cannot be read here (lz4, snappy, zstd), kept whole; their keys count as unknown.
    private static List<object> Compact(string folder, List<JournalBatch> batches, ref long dropped)
    {
        var readable = new List<(JournalBatch Batch, List<KafkaRecord>? Records)>();
        var last = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var batch in batches)
        {
            var bytes = KafkaJournal.ReadBatch(folder, batch);
            var records = RecordBatch.IsReadable(bytes) ? RecordBatch.ReadRecords(bytes, batch.BaseOffset) : null;
            readable.Add((batch, records));
            foreach (var record in records ?? [])
            {
                if (record.Key is not null)
                {
                    last[Convert.ToBase64String(record.Key)] = record.Offset;
                }
            }
        }

        var items = new List<object>();
        foreach (var (batch, records) in readable)
        {
            if (records is null)
            {
                items.Add(batch);
                continue;
            }

            foreach (var record in records)
            {
                if (record.Key is null || last[Convert.ToBase64String(record.Key)] == record.Offset)
                {
                    items.Add(record);
                }
                else
                {
                    dropped += record.Key.Length + (record.Value?.Length ?? 0) + record.Headers.Length;
                }
            }
        }

        return items;
    }

    private static void Write(KafkaJournal output, string folder, string topic, int partition, List<object> items, long end)
    {
        if (items.Count == 0)
        {
            // Everything expired: one skipped offset keeps the partition's numbering going on from where it was.
            output.AppendBatch(topic, partition, end - 1, RecordBatch.BuildGap(end - 1, 1));
            return;
        }

        var chunk = new List<KafkaRecord>();
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is JournalBatch batch)
            {
                output.AppendBatch(topic, partition, batch.BaseOffset, KafkaJournal.ReadBatch(folder, batch));
                continue;
            }

            chunk.Add((KafkaRecord)items[i]);
            var next = i + 1 < items.Count ? items[i + 1] : null;
            if (chunk.Count == RecordsPerBatch || next is not KafkaRecord)
            {
                // A chunk takes every offset up to the next item, so only a leading gap remains to replay.
                var spanEnd = next switch
                {
                    JournalBatch b => b.BaseOffset,
                    KafkaRecord r => r.Offset,
                    _ => end,
                };
                var start = chunk[0].Offset;
                output.AppendBatch(topic, partition, start, RecordBatch.Build(start, checked((int)(spanEnd - start)), chunk));
                chunk.Clear();
            }
        }
    }
}
