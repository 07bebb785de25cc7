using System.Globalization;
using Microsoft.Extensions.Logging;
using Streams.Platform.Kafka.Protocol;

namespace Streams.Platform.Kafka.Journal;

/// <summary>
/// Keeps the journal from growing for ever: drops the oldest batches of a topic past its retention
/// time, and keeps only the last record per key of a compacted topic. What survives of the given
/// segments is written as one segment of the next generation folder, with a <c>covers</c> file
/// naming the first segment number it does not replace; offsets are kept (dropped ones replay as
/// gaps consumers skip, as compaction leaves in Kafka).
/// </summary>
internal static class JournalCompactor
{
    public const string CoversFile = "covers";
    private const int RecordsPerBatch = 1000;

    /// <summary>
    /// Rewrites <paramref name="state"/>, read from the segments of <paramref name="folder"/> numbered
    /// below <paramref name="coversBelow"/>, when at least <paramref name="minShare"/> of its bytes can go.
    /// Returns the new generation folder, or null when not worth it.
    /// </summary>
    public static string? Rewrite(
        string path, string folder, JournalState state, int coversBelow,
        Func<string, TopicRetention> policy, DateTimeOffset now, double minShare, ILogger logger)
    {
        var plans = new List<(string Topic, int Partition, List<object> Items, long End)>();
        long dropped = 0;
        foreach (var ((topic, partition), batches) in state.Partitions)
        {
            var retention = policy(topic);
            var held = batches;
            if (retention.Retention is { } time)
            {
                var cutoff = (now - time).ToUnixTimeMilliseconds();
                held = [.. batches.SkipWhile(b => b.MaxTimestamp < cutoff)];
            }

            dropped += batches.Sum(b => (long)b.Length) - held.Sum(b => (long)b.Length);
            var items = retention.Compact ? Compact(folder, held, ref dropped) : [.. held.Cast<object>()];
            plans.Add((topic, partition, items, batches[^1].NextOffset));
        }

        if (dropped == 0 || dropped < minShare * state.Bytes)
        {
            return null;
        }

        var generation = long.Parse(Path.GetFileName(folder), CultureInfo.InvariantCulture) + 1;
        var temporary = Path.Combine(path, KafkaJournal.GenerationName(generation) + ".tmp");
        Directory.CreateDirectory(temporary);
        long written;
        using (var output = KafkaJournal.Create(temporary, new JournalOptions(long.MaxValue, 0, 0)))
        {
            foreach (var (topic, partitions) in state.Topics)
            {
                output.AppendTopic(topic, partitions);
            }

            foreach (var (topic, partition, items, end) in plans)
            {
                Write(output, folder, topic, partition, items, end);
            }

            output.AppendCommits([.. state.Commits.Values]);
            output.Flush();
            written = output.Bytes;
        }

        File.WriteAllText(Path.Combine(temporary, CoversFile), coversBelow.ToString(CultureInfo.InvariantCulture));
        var final = Path.Combine(path, KafkaJournal.GenerationName(generation));
        Directory.Move(temporary, final);
        logger.LogInformation("Kafka journal: compaction and retention took {Before} bytes down to {After}", state.Bytes, written);
        return final;
    }

    // The items of a compacted partition in offset order: surviving records; batches whose records
    // cannot be read here (lz4, snappy, zstd), kept whole, their keys unknown; and a Gap wherever the
    // journal holds no batch (a rebuilt batch must not take offsets that may still come).
    internal static List<object> Compact(string folder, List<JournalBatch> batches, ref long dropped)
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
        JournalBatch? previous = null;
        foreach (var (batch, records) in readable)
        {
            if (previous is not null && previous.NextOffset != batch.BaseOffset)
            {
                items.Add(new Gap(previous.NextOffset));
            }

            previous = batch;
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
        foreach (var (baseOffset, batch) in Batches(folder, items, end))
        {
            output.AppendBatch(topic, partition, baseOffset, batch);
        }
    }

    /// <summary>
    /// The record batches that hold <paramref name="items"/> (what <see cref="Compact"/> kept) at
    /// their offsets, in offset order; a partition of which nothing is left is one skipped offset
    /// before <paramref name="end"/>, so its numbering goes on from where it was.
    /// </summary>
    internal static IEnumerable<(long BaseOffset, byte[] Batch)> Batches(string folder, List<object> items, long end)
    {
        if (!items.Any(i => i is not Gap))
        {
            yield return (end - 1, RecordBatch.BuildGap(end - 1, 1));
            yield break;
        }

        var chunk = new List<KafkaRecord>();
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is JournalBatch batch)
            {
                yield return (batch.BaseOffset, KafkaJournal.ReadBatch(folder, batch));
                continue;
            }

            if (items[i] is not KafkaRecord record)
            {
                continue;
            }

            chunk.Add(record);
            var next = i + 1 < items.Count ? items[i + 1] : null;
            if (chunk.Count == RecordsPerBatch || next is not KafkaRecord)
            {
                // A rebuilt batch takes every offset up to the next item the journal knows of.
                var spanEnd = next switch
                {
                    JournalBatch b => b.BaseOffset,
                    KafkaRecord r => r.Offset,
                    Gap g => g.KnownEnd,
                    _ => end,
                };
                var start = chunk[0].Offset;
                yield return (start, RecordBatch.Build(start, checked((int)(spanEnd - start)), chunk));
                chunk = [];
            }
        }
    }

    /// <summary>Offsets from <see cref="KnownEnd"/> on are not in the journal up to the next batch.</summary>
    private sealed record Gap(long KnownEnd);
}
