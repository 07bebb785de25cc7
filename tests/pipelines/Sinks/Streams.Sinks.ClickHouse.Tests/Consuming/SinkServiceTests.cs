using System.Text;
using Confluent.Kafka;
using Streams.Schemas.Topics;
using Streams.Topology.DeadLetters;

namespace Streams.Sinks.ClickHouse.Tests.Consuming;

[Collection(SinkPlatformGroup.Name)]
public sealed class SinkServiceTests(SinkPlatformFixture platform)
{
    private static readonly DateTime Start = new(2026, 11, 25, 8, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task Run_SamplesAndUndecodableRecords_SamplesWrittenOthersDeadLettered()
    {
        var (database, client) = await platform.CreateDatabaseAsync(migrate: false);
        using var _ = client;
        var topic = platform.CreateTopic("metrics.e2e", 4);
        await platform.ProduceAsync(topic, SinkPlatformFixture.Samples(5_000, Start), s => s.host);
        platform.ProduceBytes(topic, "bad-1", Encoding.UTF8.GetBytes("not avro at all"));
        platform.ProduceBytes(topic, "bad-2", [0, 0, 0, 0, 1]);

        using var host = SinkHost.Build(platform.Endpoints(database), SinkHost.Settings(topic, "sink-" + topic, "1000"));
        await host.StartAsync();
        var count = await SinkTestSupport.WaitForCountAsync(client, "SELECT count() FROM metrics_raw", 5_000, TimeSpan.FromSeconds(120));
        var letters = ReadDeadLetters(topic, 2, TimeSpan.FromSeconds(40));
        await host.StopAsync();

        Assert.Equal((ulong)5_000, count);
        Assert.Equal(2, letters.Count);
        Assert.All(letters, l => Assert.Equal(RejectReason.MalformedAvro, Header(l, DeadLetterHeaders.Reason)));
        Assert.Contains(letters, l => l.Message.Value.AsSpan().SequenceEqual("not avro at all"u8));
        Assert.All(letters, l => Assert.False(string.IsNullOrEmpty(Header(l, DeadLetterHeaders.Detail))));
        Assert.All(letters, l => Assert.Equal(topic, l.Message.Key));
    }

    [Fact]
    public async Task Run_ClickHouseUnavailableForAWhile_NothingLostOnceBack()
    {
        var (database, client) = await platform.CreateDatabaseAsync();
        using var _ = client;
        var topic = platform.CreateTopic("metrics.outage", 4);
        using var proxy = platform.StartClickHouseProxy();
        using var host = await platform.StartSinkAsync(database, proxy.Url, topic, "sink-" + topic, "1000");

        await platform.ProduceAsync(topic, SinkPlatformFixture.Samples(2_000, Start), s => s.host);
        var before = await SinkTestSupport.WaitForCountAsync(client, "SELECT count() FROM metrics_raw", 2_000, TimeSpan.FromSeconds(120));
        proxy.Stop();
        await platform.ProduceAsync(topic, SinkPlatformFixture.Samples(6_000, Start).Skip(2_000), s => s.host);
        await Task.Delay(TimeSpan.FromSeconds(3));
        var during = (ulong)(await client.ExecuteScalarAsync("SELECT count() FROM metrics_raw"))!;
        proxy.Start();
        var after = await SinkTestSupport.WaitForCountAsync(client, "SELECT count() FROM metrics_raw", 6_000, TimeSpan.FromSeconds(120));
        await Task.Delay(500);
        await host.StopAsync();

        Assert.Equal((ulong)2_000, before);
        Assert.Equal((ulong)2_000, during);
        Assert.Equal((ulong)6_000, after);
        Assert.Equal((ulong)6_000, await client.ExecuteScalarAsync("SELECT uniqExact(host, metric, ts) FROM metrics_raw"));
    }

    private List<ConsumeResult<string, byte[]>> ReadDeadLetters(string sourceTopic, int expected, TimeSpan timeout)
    {
        using var consumer = new ConsumerBuilder<string, byte[]>(new ConsumerConfig
        {
            BootstrapServers = platform.Kafka.BootstrapServers,
            GroupId = "deadletter-reader-" + Guid.NewGuid().ToString("N"),
            AutoOffsetReset = AutoOffsetReset.Earliest,
        }).Build();
        consumer.Subscribe(TopicCatalogue.DeadLetter.Name);
        var letters = new List<ConsumeResult<string, byte[]>>();
        var deadline = DateTime.UtcNow + timeout;
        while (letters.Count < expected && DateTime.UtcNow < deadline)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is { Message: not null } result && Header(result, DeadLetterHeaders.SourceTopic) == sourceTopic)
            {
                letters.Add(result);
            }
        }

        consumer.Close();
        return letters;
    }

    private static string? Header(ConsumeResult<string, byte[]> result, string key) =>
        result.Message.Headers.TryGetLastBytes(key, out var bytes) ? Encoding.UTF8.GetString(bytes) : null;
}
