using Confluent.Kafka;
using Streams.Sinks.ClickHouse.Consuming;
using Streams.Sinks.ClickHouse.Rows;

namespace Streams.Sinks.ClickHouse.Tests.Consuming;

[Collection(SinkPlatformGroup.Name)]
public sealed class DeduplicationTests(SinkPlatformFixture platform)
{
    private static readonly DateTime Start = new(2026, 11, 25, 9, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task InsertAsync_SameRangeReplayed_RawAndRollupsUnchanged()
    {
        var (_, client) = await platform.CreateDatabaseAsync();
        using var _ = client;
        var mapper = new MetricSampleRows();
        var rows = new List<object[]>();
        foreach (var sample in SinkPlatformFixture.Samples(5_000, Start))
        {
            mapper.AddRows(sample, rows);
        }

        var range = new OffsetRange(new TopicPartition("metrics.clean", 3), 1_000, 5_999);

        await BatchInsert.InsertAsync(client, mapper, range, rows, CancellationToken.None);
        await BatchInsert.InsertAsync(client, mapper, range, rows, CancellationToken.None);
        await BatchInsert.InsertAsync(client, mapper, range with { First = 6_000, Last = 10_999 }, rows, CancellationToken.None);

        Assert.Equal((ulong)10_000, await client.ExecuteScalarAsync("SELECT count() FROM metrics_raw"));
        Assert.Equal((ulong)10_000, await client.ExecuteScalarAsync("SELECT sum(samples) FROM metrics_1m"));
        Assert.Equal((ulong)10_000, await client.ExecuteScalarAsync("SELECT sum(samples) FROM metrics_1h"));
    }

    [Fact]
    public async Task Run_BatchWrittenButNotCommitted_ReplayIsDeduplicated()
    {
        // What a crash between insert and commit leaves: the range recorded, its rows inserted,
        // the offsets not committed. The sink must rebuild the same batch and ClickHouse drop it.
        var (database, client) = await platform.CreateDatabaseAsync();
        using var _ = client;
        var topic = platform.CreateTopic("metrics.dedup", 1);
        var samples = SinkPlatformFixture.Samples(3_000, Start).ToList();
        await platform.ProduceAsync(topic, samples, s => s.host);
        var group = "sink-" + topic;
        var mapper = new MetricSampleRows();
        var rows = new List<object[]>();
        samples.Take(1_200).ToList().ForEach(s => mapper.AddRows(s, rows));
        var written = new OffsetRange(new TopicPartition(topic, 0), 0, 1_199);
        await new BatchIntents(client, group).RecordAsync([written], CancellationToken.None);
        await BatchInsert.InsertAsync(client, mapper, written, rows, CancellationToken.None);

        using var host = SinkHost.Build(platform.Endpoints(database), SinkHost.Settings(topic, group, "500"));
        await host.StartAsync();
        var count = await SinkTestSupport.WaitForCountAsync(client, "SELECT count() FROM metrics_raw", 3_000, TimeSpan.FromSeconds(30));
        await Task.Delay(500);
        await host.StopAsync();

        Assert.Equal((ulong)3_000, count);
        Assert.Equal((ulong)3_000, await client.ExecuteScalarAsync("SELECT count() FROM metrics_raw"));
        Assert.Equal((ulong)3_000, await client.ExecuteScalarAsync("SELECT uniqExact(host, metric, ts) FROM metrics_raw"));
    }
}
