using Confluent.Kafka;
using Streams.Platform.Kafka.Streamiz;

namespace Streams.Platform.Kafka.Tests.Streamiz;

public sealed class LocalStateInspectionTests : IDisposable
{
    private readonly string _applicationDir = Path.Combine(Path.GetTempPath(), "streams-inspect-" + Guid.NewGuid().ToString("N"), "app");

    [Fact]
    public void Inspect_AnotherStableClusterId_DiscardsEveryTask()
    {
        Task("0-0", "0", "1", "app-store-changelog 0 3");
        Task("0-1", "0", "1", "app-store-changelog 1 3");
        LocalStateInspection.RecordCluster(_applicationDir, "cluster-A");

        var discarded = LocalStateInspection.Inspect(_applicationDir, "cluster-B", _ => 10);

        Assert.Equal(["0-0", "0-1"], discarded.Select(d => Path.GetFileName(d.Directory)));
        Assert.All(discarded, d => Assert.Contains("cluster-A", d.Reason, StringComparison.Ordinal));
    }

    [Fact]
    public void Inspect_TwoIdsOfLibrdkafkasBuiltInBroker_ComparesOnlyOffsets()
    {
        // The built-in broker names itself anew at every start, even when its journal kept the topics.
        Task("0-0", "0", "1", "app-store-changelog 0 3");
        LocalStateInspection.RecordCluster(_applicationDir, "mockCluster7f3a9c");

        Assert.Empty(LocalStateInspection.Inspect(_applicationDir, "mockCluster1b22e0", _ => 3));
    }

    [Fact]
    public void Inspect_SameClusterOffsetsWithinTheChangelog_KeepsEverything()
    {
        Task("0-0", "0", "2", "app-a-changelog 0 3", "app-b-changelog 0 0");
        LocalStateInspection.RecordCluster(_applicationDir, "cluster-A");

        Assert.Empty(LocalStateInspection.Inspect(_applicationDir, "cluster-A", _ => 3));
    }

    [Theory]
    [InlineData("unknown", "0", "1", "app-store-changelog 0 -4")]
    [InlineData("not in the format", "0", "2", "app-store-changelog 0 3")]
    [InlineData("another version", "1", "1", "app-store-changelog 0 3")]
    [InlineData("ahead", "0", "1", "app-store-changelog 0 4")]
    public void Inspect_CheckpointKafkaCannotVouchFor_DiscardsTheTask(string why, params string[] checkpoint)
    {
        Task("0-0", checkpoint);

        var discarded = LocalStateInspection.Inspect(_applicationDir, "cluster-A", _ => 3);

        Assert.True(discarded.Count == 1, why);
    }

    [Fact]
    public void CheckpointedPartitions_ListsEachChangelogPartitionOnce()
    {
        Task("0-0", "0", "1", "app-store-changelog 0 3");
        Task("1-0", "0", "2", "app-store-changelog 0 3", "app-other-changelog 0 1");

        Assert.Equal(
            [new TopicPartition("app-store-changelog", 0), new TopicPartition("app-other-changelog", 0)],
            LocalStateInspection.CheckpointedPartitions(_applicationDir));
    }

    public void Dispose()
    {
        var root = Path.GetDirectoryName(_applicationDir)!;
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private void Task(string id, params string[] checkpoint)
    {
        var directory = Path.Combine(_applicationDir, id);
        Directory.CreateDirectory(Path.Combine(directory, "rocksdb"));
        File.WriteAllLines(Path.Combine(directory, ".checkpoint"), checkpoint);
    }
}
