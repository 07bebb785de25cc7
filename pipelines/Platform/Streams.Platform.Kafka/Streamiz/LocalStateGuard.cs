using Confluent.Kafka;
using Confluent.Kafka.Admin;
using Microsoft.Extensions.Logging;

namespace Streams.Platform.Kafka.Streamiz;

/// <summary>
/// Run before a Streamiz application opens its stores: local state is a cache of the changelogs
/// in Kafka, so state that Kafka does not vouch for (<see cref="LocalStateInspection"/>) is
/// deleted and restored from the changelogs instead of served.
/// </summary>
internal static partial class LocalStateGuard
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <returns>How many task directories were discarded.</returns>
    /// <exception cref="InvalidOperationException">Kafka did not answer: the state cannot be checked, so the role does not start on it.</exception>
    public static async Task<int> EnforceAsync(string stateDir, string applicationId, string bootstrapServers, ILogger logger, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(stateDir);
        ArgumentException.ThrowIfNullOrWhiteSpace(applicationId);
        var applicationDir = Path.GetFullPath(Path.Combine(stateDir, applicationId));
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrapServers }).Build();
        string clusterId;
        Dictionary<TopicPartition, long> ends;
        try
        {
            clusterId = (await admin.DescribeClusterAsync(new DescribeClusterOptions { RequestTimeout = Timeout }).WaitAsync(cancellationToken).ConfigureAwait(false)).ClusterId;
            ends = await EndOffsetsAsync(admin, LocalStateInspection.CheckpointedPartitions(applicationDir), cancellationToken).ConfigureAwait(false);
        }
        catch (KafkaException ex)
        {
            throw new InvalidOperationException($"Cannot check the local state of {applicationId} in {applicationDir} against Kafka at {bootstrapServers}: {ex.Error.Reason}", ex);
        }

        var discarded = LocalStateInspection.Inspect(applicationDir, clusterId, p => ends.GetValueOrDefault(p));
        foreach (var (directory, _, _) in discarded)
        {
            Directory.Delete(directory, recursive: true);
        }

        // Distrusted state is worth a warning; unverified tasks are what every idle task leaves.
        foreach (var group in discarded.GroupBy(d => d.Unverified).OrderBy(g => g.Key))
        {
            var reasons = group.Select(d => d.Reason).Distinct().ToList();
            LogDiscarded(logger, group.Key ? LogLevel.Debug : LogLevel.Warning, applicationId, group.Count(), string.Join(", ", group.Select(d => Path.GetFileName(d.Directory))),
                applicationDir, reasons[0] + (reasons.Count > 1 ? $" (and {reasons.Count - 1} other reasons)" : ""));
        }

        LocalStateInspection.RecordCluster(applicationDir, clusterId);
        return discarded.Count;
    }

    private static async Task<Dictionary<TopicPartition, long>> EndOffsetsAsync(IAdminClient admin, IReadOnlyList<TopicPartition> partitions, CancellationToken cancellationToken)
    {
        // Only partitions the cluster has: asking about a missing topic can make a broker with
        // auto-creation create it with the wrong partition count before Streamiz does.
        var existing = admin.GetMetadata(Timeout).Topics
            .SelectMany(t => t.Partitions.Select(p => new TopicPartition(t.Topic, p.PartitionId)))
            .ToHashSet();
        var asked = partitions.Where(existing.Contains).ToList();
        if (asked.Count == 0)
        {
            return [];
        }

        var result = await admin.ListOffsetsAsync(
            asked.Select(p => new TopicPartitionOffsetSpec { TopicPartition = p, OffsetSpec = OffsetSpec.Latest() }),
            new ListOffsetsOptions { RequestTimeout = Timeout }).WaitAsync(cancellationToken).ConfigureAwait(false);
        return result.ResultInfos.ToDictionary(r => r.TopicPartitionOffsetError.TopicPartition, r => r.TopicPartitionOffsetError.Offset.Value);
    }

    [LoggerMessage(Message = "Discarded the local state of {ApplicationId} ({Count} task directories: {Tasks}) in {Directory}: {Reason}; it is restored from the changelogs")]
    private static partial void LogDiscarded(ILogger logger, LogLevel level, string applicationId, int count, string tasks, string directory, string reason);
}
