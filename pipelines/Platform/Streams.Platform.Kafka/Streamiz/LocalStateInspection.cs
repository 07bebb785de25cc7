using System.Globalization;
using Confluent.Kafka;

namespace Streams.Platform.Kafka.Streamiz;

/// <summary>
/// Which parts of a Streamiz application's state directory Kafka does not vouch for. The
/// directory is Streamiz' layout: <c>&lt;StateDir&gt;/&lt;ApplicationId&gt;/&lt;task&gt;/</c>, each task
/// directory holding its RocksDB stores and a <c>.checkpoint</c> file (version line, count line,
/// then <c>topic partition offset</c> lines; the offset is the next changelog offset the stores
/// have applied, -4 for unknown).
/// </summary>
/// <remarks>
/// Streamiz 1.8.2 trusts that file: a checkpoint at or past the changelog's end offset counts
/// as fully restored (StoreChangelogReader.HasRestoredToEnd), and a store without one is restored
/// from the beginning on top of what it already holds. So state from another cluster, or from a
/// broker that lost its data, would be served as it is. This is pure: the caller asks Kafka.
/// </remarks>
internal static class LocalStateInspection
{
    /// <summary>Written by us beside the task directories: the cluster id the state was restored from.</summary>
    public const string ClusterFile = ".kafka-cluster-id";

    private const string CheckpointFile = ".checkpoint";

    // librdkafka's built-in broker names itself "mockCluster" + an address of the process
    // (rdkafka_mock.c), a new id each start even when its topics survive: two such ids say nothing.
    private const string UnstableClusterPrefix = "mockCluster";

    /// <summary>The changelog partitions the task directories' checkpoints name: the end offsets the caller must look up.</summary>
    public static IReadOnlyList<TopicPartition> CheckpointedPartitions(string applicationDir) =>
        TaskDirectories(applicationDir)
            .SelectMany(d => ReadCheckpoint(d) ?? [])
            .Select(c => c.Partition)
            .Distinct()
            .ToList();

    /// <summary>
    /// The task directories to discard, each with why; all of them when the state belongs to
    /// another cluster. <c>Unverified</c> marks a task with no usable checkpoint: Streamiz would
    /// restore it from the changelog's beginning on top of what it holds, so discarding it costs
    /// nothing and drops only what the changelog does not have (an idle task stops that way).
    /// </summary>
    /// <param name="endOffset">A changelog partition's end offset; 0 for a partition the cluster does not have.</param>
    public static IReadOnlyList<(string Directory, string Reason, bool Unverified)> Inspect(string applicationDir, string clusterId, Func<TopicPartition, long> endOffset)
    {
        ArgumentNullException.ThrowIfNull(endOffset);
        var tasks = TaskDirectories(applicationDir).ToList();
        var recorded = ReadClusterId(applicationDir);
        if (recorded is not null && recorded != clusterId && !(IsUnstable(recorded) && IsUnstable(clusterId)))
        {
            return tasks.Select(d => (d, $"it was restored from Kafka cluster {recorded}, and this is cluster {clusterId}", false)).ToList();
        }

        var discarded = new List<(string, string, bool)>();
        foreach (var task in tasks)
        {
            if (Verdict(task, endOffset) is ({ } reason, var unverified))
            {
                discarded.Add((task, reason, unverified));
            }
        }

        return discarded;
    }

    /// <summary>Records which cluster the state in <paramref name="applicationDir"/> now comes from.</summary>
    public static void RecordCluster(string applicationDir, string clusterId)
    {
        Directory.CreateDirectory(applicationDir);
        File.WriteAllText(Path.Combine(applicationDir, ClusterFile), clusterId);
    }

    private static (string? Reason, bool Unverified) Verdict(string task, Func<TopicPartition, long> endOffset)
    {
        if (ReadCheckpoint(task) is not { } checkpoints)
        {
            return ("it has no readable checkpoint, so nothing ties it to its changelog", true);
        }

        foreach (var (partition, offset) in checkpoints)
        {
            if (offset < 0)
            {
                return ($"its checkpoint of {Name(partition)} is unknown ({offset.ToString(CultureInfo.InvariantCulture)})", true);
            }

            var end = endOffset(partition);
            if (offset > end)
            {
                return (string.Create(CultureInfo.InvariantCulture, $"it is ahead of Kafka: checkpointed at {offset} of {Name(partition)}, which ends at {end}"), false);
            }
        }

        return (null, false);
    }

    private static string Name(TopicPartition partition) => $"{partition.Topic}[{partition.Partition.Value.ToString(CultureInfo.InvariantCulture)}]";

    private static bool IsUnstable(string clusterId) => clusterId.StartsWith(UnstableClusterPrefix, StringComparison.Ordinal);

    private static string? ReadClusterId(string applicationDir)
    {
        var path = Path.Combine(applicationDir, ClusterFile);
        return File.Exists(path) ? File.ReadAllText(path).Trim() : null;
    }

    // Empty directories hold nothing to distrust (Streamiz creates some before a store opens).
    private static IEnumerable<string> TaskDirectories(string applicationDir) =>
        Directory.Exists(applicationDir)
            ? Directory.EnumerateDirectories(applicationDir).Where(d => Directory.EnumerateFileSystemEntries(d).Any()).Order(StringComparer.Ordinal)
            : [];

    /// <summary>The checkpoint's entries, or null when the file is missing or not in the format Streamiz writes.</summary>
    private static List<(TopicPartition Partition, long Offset)>? ReadCheckpoint(string task)
    {
        var path = Path.Combine(task, CheckpointFile);
        if (!File.Exists(path))
        {
            return null;
        }

        var lines = File.ReadAllLines(path).Where(l => l.Length > 0).ToArray();
        if (lines.Length < 2 || lines[0].Trim() != "0" || !int.TryParse(lines[1], NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count != lines.Length - 2)
        {
            return null;
        }

        var entries = new List<(TopicPartition, long)>(count);
        foreach (var line in lines.Skip(2))
        {
            var pieces = line.Split(' ');
            if (pieces.Length != 3
                || !int.TryParse(pieces[1], NumberStyles.None, CultureInfo.InvariantCulture, out var partition)
                || !long.TryParse(pieces[2], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var offset))
            {
                return null;
            }

            entries.Add((new TopicPartition(pieces[0], partition), offset));
        }

        return entries;
    }
}
