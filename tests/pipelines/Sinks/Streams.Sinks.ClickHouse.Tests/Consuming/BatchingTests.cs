using ClickHouse.Driver;

namespace Streams.Sinks.ClickHouse.Tests.Consuming;

[Collection(SinkPlatformGroup.Name)]
public sealed class BatchingTests(SinkPlatformFixture platform)
{
    private static readonly DateTime Start = new(2026, 11, 25, 9, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task Run_RecordsArriveWhileAWriteIsRunning_BatchFillsToBatchSizeInsteadOfSealingOnTime()
    {
        // A write that cannot finish (ClickHouse away) stands for a slow one: meanwhile records
        // trickle in for longer than the 200 ms batch timeout, and the next batch must wait for
        // 1,000 of them rather than be cut every 200 ms into small inserts.
        var (database, client) = await platform.CreateDatabaseAsync();
        using var _ = client;
        var topic = platform.CreateTopic("metrics.batching", 1);
        var group = "sink-" + topic;
        using var proxy = platform.StartClickHouseProxy();
        using var host = await platform.StartSinkAsync(database, proxy.Url, topic, group, "1000");
        var samples = SinkPlatformFixture.Samples(1_601, Start).ToList();

        await platform.ProduceAsync(topic, samples.Take(100), s => s.host);
        await SinkTestSupport.WaitForCountAsync(client, "SELECT count() FROM metrics_raw", 100, TimeSpan.FromSeconds(120));
        proxy.Stop();
        await platform.ProduceAsync(topic, samples.Skip(100).Take(1), s => s.host);
        await Task.Delay(500);
        for (var i = 0; i < 15; i++)
        {
            await platform.ProduceAsync(topic, samples.Skip(101 + (i * 100)).Take(100), s => s.host);
            await Task.Delay(100);
        }

        proxy.Start();
        var count = await SinkTestSupport.WaitForCountAsync(client, "SELECT count() FROM metrics_raw", 1_601, TimeSpan.FromSeconds(120));
        await Task.Delay(500);
        await host.StopAsync();

        Assert.Equal((ulong)1_601, count);
        var ranges = await RangesAsync(client, group);
        Assert.Equal((0L, 99L), ranges[0]);
        Assert.Equal(1_600L, ranges[^1].Last);

        // The batch stuck in the outage (offset 100 alone when the consumer saw it in time), one
        // full batch of 1,000 and the rest: sealing on time alone would have cut 1,501 records
        // that trickled in over 2 s into a batch every 200 ms.
        var afterOutage = ranges.Skip(1).ToList();
        Assert.InRange(afterOutage.Count, 2, 3);
        Assert.Contains(afterOutage, r => r.Last - r.First + 1 == 1_000);
    }

    private static async Task<List<(long First, long Last)>> RangesAsync(ClickHouseClient client, string group)
    {
        using var reader = await client.ExecuteReaderAsync(
            $"SELECT first_offset, last_offset FROM sink_batches FINAL WHERE consumer_group = '{group}' ORDER BY first_offset");
        var ranges = new List<(long, long)>();
        while (await reader.ReadAsync())
        {
            ranges.Add((reader.GetInt64(0), reader.GetInt64(1)));
        }

        return ranges;
    }
}
