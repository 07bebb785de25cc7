using Confluent.Kafka;
using Microsoft.Extensions.Logging.Abstractions;
using Streamiz.Kafka.Net;
using Streamiz.Kafka.Net.SerDes;
using Streamiz.Kafka.Net.Table;
using Streams.Platform.Kafka.Streamiz;

namespace Streams.Platform.Kafka.Tests.Streamiz;

/// <summary>A role's RocksDB state across restarts, as Streamiz 1.8.2 writes it, through <see cref="StreamizService"/>.</summary>
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

    private static async Task<string?> LatestCountAsync(EmbeddedKafkaCluster kafka, string key, string expected)
    {
        using var consumer = new ConsumerBuilder<string, string>(new ConsumerConfig
        {
            BootstrapServers = kafka.BootstrapServers,
            GroupId = "reader-" + Guid.NewGuid().ToString("N"),
            AutoOffsetReset = AutoOffsetReset.Earliest,
        }).Build();
        consumer.Subscribe(Output);
        string? latest = null;
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (latest != expected && DateTime.UtcNow < deadline)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is { Message.Key: var k } result && k == key)
            {
                latest = result.Message.Value;
            }

            await Task.Yield();
        }

        return latest;
    }

    private sealed class Endpoint(EmbeddedKafkaCluster kafka) : IKafkaEndpoint
    {
        public string BootstrapServers => kafka.BootstrapServers;

        public bool IsEmbedded => true;

        public ITopicCreator? TopicCreator => kafka;
    }

    private sealed class CountingOptions : StreamizRoleOptions
    {
        public override string ApplicationId { get; set; } = StreamizServiceStateTests.ApplicationId;

        public override string StateDir { get; set; } = "";
    }

    private sealed class CountingService(IKafkaEndpoint kafka, CountingOptions options) : StreamizService(kafka, NullLoggerFactory.Instance)
    {
        protected override Task ExecuteAsync(CancellationToken stoppingToken) => RunStreamAsync(options, () =>
        {
            var builder = new StreamBuilder();
            builder.Stream<string, string>(Input)
                .GroupByKey()
                .Count(RocksDb.As<string, long>("clicks"))
                .ToStream()
                .MapValues((v, _) => v.ToString(System.Globalization.CultureInfo.InvariantCulture))
                .To(Output);
            return builder.Build();
        }, stoppingToken);
    }
}
