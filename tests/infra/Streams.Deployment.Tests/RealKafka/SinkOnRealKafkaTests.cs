using ClickHouse.Driver;
using Microsoft.Extensions.Hosting;
using Streams.Sinks.ClickHouse;

namespace Streams.Deployment.Tests.RealKafka;

[Collection(RealKafkaGroup.Name)]
public sealed class SinkOnRealKafkaTests(RealKafkaPlatform platform)
{
    private static readonly DateTime Start = new(2026, 11, 25, 9, 0, 0, DateTimeKind.Utc);

    [DockerFact]
    public async Task Sink_AbortedAndCommittedTransactionsOnRealKafka_WritesOnlyTheCommittedRecords()
    {
        // The embedded broker does not isolate transactions, so only a real broker shows that the
        // sink (read_committed) never writes what a producer aborted.
        var topic = await platform.CreateTopicAsync("metrics.tx", 3);
        var database = await platform.CreateDatabaseAsync();
        platform.ProduceInTransaction(topic, Samples("aborted", 300), s => s.host, commit: false);
        platform.ProduceInTransaction(topic, Samples("committed", 500), s => s.host, commit: true);

        await StartSinkAsync(topic, database);
        using var client = platform.ClickHouseClient(database);
        await WaitForRowsAsync(client, 500);
        await Task.Delay(TimeSpan.FromSeconds(2));

        Assert.Equal((ulong)500, await client.ExecuteScalarAsync("SELECT count() FROM metrics_raw"));
        Assert.Equal((ulong)0, await client.ExecuteScalarAsync("SELECT count() FROM metrics_raw WHERE host LIKE 'aborted%'"));
    }

    [DockerFact]
    public async Task Sink_StoppedMidStreamAndReplaced_WritesEveryRecordExactlyOnce()
    {
        var topic = await platform.CreateTopicAsync("metrics.restart", 3);
        var database = await platform.CreateDatabaseAsync();
        platform.Produce(topic, Samples("web", 6_000), s => s.host);

        var first = await StartSinkAsync(topic, database);
        using var client = platform.ClickHouseClient(database);
        await WaitForRowsAsync(client, 1);
        await platform.StopAsync(first);
        await StartSinkAsync(topic, database);
        await WaitForRowsAsync(client, 6_000);
        await Task.Delay(TimeSpan.FromSeconds(2));

        Assert.Equal((ulong)6_000, await client.ExecuteScalarAsync("SELECT count() FROM metrics_raw"));
        Assert.Equal((ulong)6_000, await client.ExecuteScalarAsync("SELECT uniqExact(host, ts) FROM metrics_raw"));
    }

    private Task<IHost> StartSinkAsync(string topic, string database) => platform.StartRoleAsync(
        new Dictionary<string, string?>
        {
            ["Sink:GroupId"] = "sink-" + topic,
            ["Sink:BatchSize"] = "500",
            ["Sink:BatchTimeout"] = "00:00:00.200",
            ["Sink:MetricsTopic"] = topic,
            ["Sink:Tables:0"] = "metrics_raw",
        },
        (services, configuration) => services.AddClickHouseSink(configuration),
        database);

    private static IEnumerable<io.streams.avro.MetricSample> Samples(string prefix, int count) =>
        Enumerable.Range(0, count).Select(i => MetricSamples.Sample($"{prefix}-{i % 20:D2}", Start.AddSeconds(i / 20), i % 100));

    /// <summary>Waits up to 2 minutes for <paramref name="expected"/> rows; the table appears once the sink has migrated.</summary>
    private static async Task WaitForRowsAsync(ClickHouseClient client, ulong expected)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        ulong count = 0;
        while (DateTime.UtcNow < deadline)
        {
            var tables = (ulong)(await client.ExecuteScalarAsync("SELECT count() FROM system.tables WHERE database = currentDatabase() AND name = 'metrics_raw'"))!;
            count = tables == 1 ? (ulong)(await client.ExecuteScalarAsync("SELECT count() FROM metrics_raw"))! : 0;
            if (count >= expected)
            {
                return;
            }

            await Task.Delay(200);
        }

        Assert.Fail($"{count} rows in metrics_raw after 2 minutes; expected {expected}.");
    }
}
