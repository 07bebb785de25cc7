using Confluent.Kafka;
using Microsoft.Extensions.Logging.Abstractions;
using Streamiz.Kafka.Net;
using Streamiz.Kafka.Net.SerDes;
using Streamiz.Kafka.Net.Table;
using Streams.Platform.Kafka.Streamiz;

namespace Streams.Platform.Kafka.Tests.Streamiz;

/// <summary>A role's stream and its RocksDB state across restarts and failures, as Streamiz 1.8.2 writes it, through <see cref="StreamizService"/>.</summary>
public sealed class StreamizServiceStateTests : IDisposable
{
    private const string ApplicationId = "state-test";
    private const string Input = "clicks.in";
    private const string Output = "clicks.out";
    private readonly string _stateDir = Path.Combine(Path.GetTempPath(), "streams-rocks-" + Guid.NewGuid().ToString("N"));
    private CountingService? _service;

    [Fact]
    public async Task Restart_OnABrokerThatLostItsData_DiscardsTheRocksDbStateInsteadOfCountingOnFromIt()
    {
        using (var first = EmbeddedKafkaCluster.Start(new EmbeddedKafkaOptions { Port = 0 }))
        {
            await CountAsync(first, "a", "a", "a");
            Assert.Equal("3", await LatestCountAsync(first, "a", "3"));
            await StopAsync();

            // What Streamiz wrote on a clean stop matches the broker's changelog: nothing to discard.
            Assert.Equal(0, await LocalStateGuard.EnforceAsync(_stateDir, ApplicationId, first.BootstrapServers, NullLogger.Instance, CancellationToken.None));
        }

        // Same state directory, a broker with none of that history (a deleted journal, a reset
        // cluster): Streamiz alone would take the checkpoint as restored and count on from 3.
        using var second = EmbeddedKafkaCluster.Start(new EmbeddedKafkaOptions { Port = 0 });
        await CountAsync(second, "a");

        Assert.Equal("1", await LatestCountAsync(second, "a", "1"));
        await StopAsync();
    }

    [Fact]
    public async Task Run_InternalTopicsCannotBeCreatedAtFirst_TheStreamFailsThenIsStartedAgainAndCounts()
    {
        // Streamiz tries 10 times, then puts the stream in ERROR for good: what a role in another
        // process saw while the platform it creates topics through was not up yet.
        using var kafka = EmbeddedKafkaCluster.Start(new EmbeddedKafkaOptions { Port = 0 });
        var creator = new FailingAtFirst(kafka, failures: 12);
        kafka.CreateTopic(Input, 1);
        kafka.CreateTopic(Output, 1);
        _service = new CountingService(new Endpoint(kafka, creator), new CountingOptions { StateDir = _stateDir });
        await _service.StartAsync(CancellationToken.None);

        var seen = new HashSet<KafkaStream.State>();
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (!_service.Running.IsCompleted && DateTime.UtcNow < deadline)
        {
            if (_service.StreamState is { } status)
            {
                seen.Add(status.State);
            }

            await Task.Delay(20);
        }

        Assert.True(_service.Running.IsCompleted, $"not running after 120 s; states seen: {string.Join(", ", seen)}");
        Assert.Contains(KafkaStream.State.ERROR, seen);
        Assert.True(creator.Calls > 12, $"{creator.Calls} topic creations");
        using (var producer = new ProducerBuilder<string, string>(new ProducerConfig { BootstrapServers = kafka.BootstrapServers }).Build())
        {
            producer.Produce(Input, new Message<string, string> { Key = "b", Value = "x" });
            producer.Flush(TimeSpan.FromSeconds(10));
        }

        Assert.Equal("1", await LatestCountAsync(kafka, "b", "1"));
        await StopAsync();
    }

    [Fact]
    public async Task Run_AThreadStopsPolling_TheStreamIsStartedAgainAndCounts()
    {
        // A thread that neither polls nor ends is what Streamiz leaves after a commit refused in
        // its rebalance listener; here the topology blocks the thread once, past the stall time.
        using var kafka = EmbeddedKafkaCluster.Start(new EmbeddedKafkaOptions { Port = 0 });
        kafka.CreateTopic(Input, 1);
        kafka.CreateTopic(Output, 1);
        var blocked = 0;
        _service = new CountingService(new Endpoint(kafka), new CountingOptions { StateDir = _stateDir, StallTimeoutMs = 2_000 }, key =>
        {
            if (key == "stuck" && Interlocked.Exchange(ref blocked, 1) == 0)
            {
                Thread.Sleep(TimeSpan.FromSeconds(12));
            }
        });
        await _service.StartAsync(CancellationToken.None);
        await _service.Running.WaitAsync(TimeSpan.FromSeconds(120));
        using (var producer = new ProducerBuilder<string, string>(new ProducerConfig { BootstrapServers = kafka.BootstrapServers }).Build())
        {
            producer.Produce(Input, new Message<string, string> { Key = "stuck", Value = "x" });
            producer.Flush(TimeSpan.FromSeconds(10));
        }

        var seen = new HashSet<KafkaStream.State>();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!seen.Contains(KafkaStream.State.ERROR) && DateTime.UtcNow < deadline)
        {
            if (_service.StreamState is { } status)
            {
                seen.Add(status.State);
            }

            await Task.Delay(20);
        }

        Assert.Contains(KafkaStream.State.ERROR, seen);
        Assert.Equal("1", await LatestCountAsync(kafka, "stuck", "1"));
        await StopAsync();
    }

    public void Dispose()
    {
        _service?.Dispose();
        if (Directory.Exists(_stateDir))
        {
            Directory.Delete(_stateDir, recursive: true);
        }
    }

    private async Task CountAsync(EmbeddedKafkaCluster kafka, params string[] keys)
    {
        kafka.CreateTopic(Input, 1);
        kafka.CreateTopic(Output, 1);
        _service = new CountingService(new Endpoint(kafka), new CountingOptions { StateDir = _stateDir });
        await _service.StartAsync(CancellationToken.None);
        await _service.Running.WaitAsync(TimeSpan.FromSeconds(120));
        using var producer = new ProducerBuilder<string, string>(new ProducerConfig { BootstrapServers = kafka.BootstrapServers }).Build();
        foreach (var key in keys)
        {
            producer.Produce(Input, new Message<string, string> { Key = key, Value = "x" });
        }

        producer.Flush(TimeSpan.FromSeconds(10));
    }

    private async Task StopAsync()
    {
        await _service!.StopAsync(CancellationToken.None);
        _service.Dispose();
        _service = null;
    }

    private static Task<string?> LatestCountAsync(EmbeddedKafkaCluster kafka, string key, string expected) =>
        CountTopic.LatestAsync(kafka.BootstrapServers, Output, key, expected);

    private sealed class Endpoint(EmbeddedKafkaCluster kafka, ITopicCreator? creator = null) : IKafkaEndpoint
    {
        public string BootstrapServers => kafka.BootstrapServers;

        public bool IsEmbedded => true;

        public ITopicCreator? TopicCreator => creator ?? kafka;
    }

    private sealed class FailingAtFirst(ITopicCreator inner, int failures) : ITopicCreator
    {
        private int calls;

        public int Calls => Volatile.Read(ref calls);

        public void CreateTopic(string name, int partitions)
        {
            if (Interlocked.Increment(ref calls) <= failures)
            {
                throw new HttpRequestException("Connection refused (127.0.0.1:8080)");
            }

            inner.CreateTopic(name, partitions);
        }
    }

    private sealed class CountingOptions : StreamizRoleOptions
    {
        public override string ApplicationId { get; set; } = StreamizServiceStateTests.ApplicationId;

        public override string StateDir { get; set; } = "";
    }

    private sealed class CountingService(IKafkaEndpoint kafka, CountingOptions options, Action<string>? onRecord = null) : StreamizService(kafka, NullLoggerFactory.Instance)
    {
        protected override Task ExecuteAsync(CancellationToken stoppingToken) => RunStreamAsync(options, () =>
        {
            var builder = new StreamBuilder();
            builder.Stream<string, string>(Input)
                .Peek((key, _, _) => onRecord?.Invoke(key))
                .GroupByKey()
                .Count(RocksDb.As<string, long>("clicks"))
                .ToStream()
                .MapValues((v, _) => v.ToString(System.Globalization.CultureInfo.InvariantCulture))
                .To(Output);
            return builder.Build();
        }, stoppingToken);
    }
}
