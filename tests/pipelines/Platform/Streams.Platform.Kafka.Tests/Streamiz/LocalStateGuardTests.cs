using Confluent.Kafka;
using Microsoft.Extensions.Logging.Abstractions;
using Streams.Platform.Kafka.Streamiz;

namespace Streams.Platform.Kafka.Tests.Streamiz;

/// <summary>The guard against a real (embedded) broker, on state directories laid out as Streamiz 1.8.2 lays them.</summary>
public sealed class LocalStateGuardTests : IDisposable
{
    private const string ApplicationId = "guard-test";
    private const string Changelog = ApplicationId + "-store-changelog";
    private readonly EmbeddedKafkaCluster _kafka = EmbeddedKafkaCluster.Start(new EmbeddedKafkaOptions { Port = 0 });
    private readonly string _stateDir = Path.Combine(Path.GetTempPath(), "streams-guard-" + Guid.NewGuid().ToString("N"));

    private string ApplicationDir => Path.Combine(_stateDir, ApplicationId);

    [Fact]
    public async Task Enforce_CheckpointsWithinTheChangelogs_KeepsTheState()
    {
        _kafka.CreateTopic(Changelog, 2);
        Produce(Changelog, 0, 5);
        Produce(Changelog, 1, 3);
        var first = Task("0-0", (Changelog, 0, 5));
        var second = Task("0-1", (Changelog, 1, 2));

        var discarded = await EnforceAsync();

        Assert.Equal(0, discarded);
        Assert.True(File.Exists(Path.Combine(first, "rocksdb", "store", "data")));
        Assert.True(File.Exists(Path.Combine(second, "rocksdb", "store", "data")));
    }

    [Fact]
    public async Task Enforce_CheckpointAheadOfTheChangelogEnd_DiscardsThatTaskOnly()
    {
        _kafka.CreateTopic(Changelog, 2);
        Produce(Changelog, 0, 5);
        Produce(Changelog, 1, 3);
        var kept = Task("0-0", (Changelog, 0, 5));
        var ahead = Task("0-1", (Changelog, 1, 2000));

        var discarded = await EnforceAsync();

        Assert.Equal(1, discarded);
        Assert.True(Directory.Exists(kept));
        Assert.False(Directory.Exists(ahead));
    }

    [Fact]
    public async Task Enforce_DistrustedAndUnverifiedTasks_OneWarningSaysWhatAndWhyTheIdleOnesOnlyDebug()
    {
        _kafka.CreateTopic(Changelog, 2);
        Task("0-0", (Changelog, 0, 2000));
        Task("0-1");
        var logger = new LinesLogger();

        await LocalStateGuard.EnforceAsync(_stateDir, ApplicationId, _kafka.BootstrapServers, logger, CancellationToken.None);

        var warning = Assert.Single(logger.Lines, l => l.Level == Microsoft.Extensions.Logging.LogLevel.Warning);
        Assert.Equal(
            $"Discarded the local state of {ApplicationId} (1 task directories: 0-0) in {ApplicationDir}: it is ahead of Kafka: checkpointed at 2000 of {Changelog}[0], which ends at 0; it is restored from the changelogs",
            warning.Message);
        var debug = Assert.Single(logger.Lines, l => l.Level == Microsoft.Extensions.Logging.LogLevel.Debug);
        Assert.Contains("(1 task directories: 0-1)", debug.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Enforce_ChangelogGoneFromTheBroker_DiscardsTheStateBuiltFromIt()
    {
        // The broker's data was lost (journal deleted, cluster reset): the changelog is not there at all.
        var orphan = Task("0-0", (Changelog, 0, 1892));

        Assert.Equal(1, await EnforceAsync());
        Assert.False(Directory.Exists(orphan));
    }

    [Fact]
    public async Task Enforce_StateRecordedForAnotherCluster_DiscardsAllOfIt()
    {
        _kafka.CreateTopic(Changelog, 1);
        Produce(Changelog, 0, 5);
        var task = Task("0-0", (Changelog, 0, 5));
        File.WriteAllText(Path.Combine(ApplicationDir, LocalStateInspection.ClusterFile), "Yx3kd9_PRODcluster");

        Assert.Equal(1, await EnforceAsync());
        Assert.False(Directory.Exists(task));
    }

    [Fact]
    public async Task Enforce_RecordsTheClusterTheStateNowComesFrom()
    {
        Task("0-0", (Changelog, 0, 0));

        await EnforceAsync();

        var recorded = File.ReadAllText(Path.Combine(ApplicationDir, LocalStateInspection.ClusterFile));
        Assert.False(string.IsNullOrWhiteSpace(recorded));
    }

    [Fact]
    public async Task Enforce_TaskWithoutCheckpoint_IsDiscarded()
    {
        _kafka.CreateTopic(Changelog, 1);
        var task = Task("0-0");

        Assert.Equal(1, await EnforceAsync());
        Assert.False(Directory.Exists(task));
    }

    public void Dispose()
    {
        _kafka.Dispose();
        if (Directory.Exists(_stateDir))
        {
            Directory.Delete(_stateDir, recursive: true);
        }
    }

    private Task<int> EnforceAsync() =>
        LocalStateGuard.EnforceAsync(_stateDir, ApplicationId, _kafka.BootstrapServers, NullLogger.Instance, CancellationToken.None);

    /// <summary>A task directory with a store file and, when given, a checkpoint in Streamiz' format.</summary>
    private string Task(string id, params (string Topic, int Partition, long Offset)[] checkpoints)
    {
        var directory = Path.Combine(ApplicationDir, id);
        Directory.CreateDirectory(Path.Combine(directory, "rocksdb", "store"));
        File.WriteAllText(Path.Combine(directory, "rocksdb", "store", "data"), "host-0001");
        if (checkpoints.Length > 0)
        {
            File.WriteAllLines(Path.Combine(directory, ".checkpoint"),
                ["0", checkpoints.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), .. checkpoints.Select(c => $"{c.Topic} {c.Partition} {c.Offset}")]);
        }

        return directory;
    }

    private sealed class LinesLogger : Microsoft.Extensions.Logging.ILogger
    {
        public List<(Microsoft.Extensions.Logging.LogLevel Level, string Message)> Lines { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(Microsoft.Extensions.Logging.LogLevel logLevel) => true;

        public void Log<TState>(Microsoft.Extensions.Logging.LogLevel logLevel, Microsoft.Extensions.Logging.EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Lines.Add((logLevel, formatter(state, exception)));
    }

    private void Produce(string topic, int partition, int count)
    {
        using var producer = new ProducerBuilder<string, string>(new ProducerConfig { BootstrapServers = _kafka.BootstrapServers }).Build();
        for (var i = 0; i < count; i++)
        {
            producer.Produce(new TopicPartition(topic, partition), new Message<string, string> { Key = "k" + i, Value = "v" });
        }

        producer.Flush(TimeSpan.FromSeconds(10));
    }
}
