using Confluent.Kafka;
using Streamiz.Kafka.Net;
using Streamiz.Kafka.Net.SerDes;
using Streamiz.Kafka.Net.Table;
using Streams.Platform.Kafka.Streamiz;

namespace Streams.Platform.Kafka.Tests.Streamiz;

public sealed class TopicCreatingKafkaSupplierTests : IDisposable
{
    private const string ApplicationId = "supplier-test";
    private const string Input = "counts.in";
    private const string Output = "counts.out";
    private readonly EmbeddedKafkaCluster _kafka = EmbeddedKafkaCluster.Start(new EmbeddedKafkaOptions { Port = 0 });
    private readonly List<string> _stateDirs = [];

    [Fact]
    public async Task StatefulTopology_Restarted_RestoresItsStoreFromTheChangelogThePlatformCreated()
    {
        _kafka.CreateTopic(Input, 1);
        _kafka.CreateTopic(Output, 1);

        await using (var first = await StartCountingAsync())
        {
            Produce("a", "b", "a", "a");
            Assert.Equal("3", await LatestCountAsync("a", expected: "3"));
        }

        Assert.Contains($"{ApplicationId}-counts-changelog", _kafka.Topics.Keys);

        // A fresh state directory: the in-memory store can only come back from the changelog.
        await using (var second = await StartCountingAsync())
        {
            Produce("a");
            Assert.Equal("4", await LatestCountAsync("a", expected: "4"));
        }
    }

    private async Task<AsyncStream> StartCountingAsync()
    {
        var stateDir = Path.Combine(Path.GetTempPath(), "streams-supplier-" + Guid.NewGuid().ToString("N"));
        _stateDirs.Add(stateDir);
        var config = new StreamConfig<StringSerDes, StringSerDes>
        {
            ApplicationId = ApplicationId,
            BootstrapServers = _kafka.BootstrapServers,
            AutoOffsetReset = AutoOffsetReset.Earliest,
            StateDir = stateDir,
            CommitIntervalMs = 100,
            // A restarted instance would otherwise wait ~45 s for its predecessor's session to expire.
            SessionTimeoutMs = 10_000,
        };

        var builder = new StreamBuilder();
        builder.Stream<string, string>(Input)
            .GroupByKey()
            .Count(InMemory.As<string, long>("counts"))
            .ToStream()
            .MapValues((v, _) => v.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .To(Output);

        var running = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var stream = new KafkaStream(builder.Build(), config, new TopicCreatingKafkaSupplier(config, _kafka));
        stream.StateChanged += (_, now) =>
        {
            if (now == KafkaStream.State.RUNNING)
            {
                running.TrySetResult();
            }
        };
        await stream.StartAsync();
        await running.Task.WaitAsync(TimeSpan.FromSeconds(120));
        return new AsyncStream(stream);
    }

    private void Produce(params string[] keys)
    {
        using var producer = new ProducerBuilder<string, string>(new ProducerConfig { BootstrapServers = _kafka.BootstrapServers }).Build();
        foreach (var key in keys)
        {
            producer.Produce(Input, new Message<string, string> { Key = key, Value = "x" });
        }

        producer.Flush(TimeSpan.FromSeconds(10));
    }

    private Task<string?> LatestCountAsync(string key, string expected) =>
        CountTopic.LatestAsync(_kafka.BootstrapServers, Output, key, expected);

    public void Dispose()
    {
        _kafka.Dispose();
        foreach (var dir in _stateDirs.Where(Directory.Exists))
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private sealed class AsyncStream(KafkaStream stream) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            stream.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
