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

        var range = new OffsetRange(new TopicPartition("metrics.clean", 3), 1_000, 5_999, 1_764_061_200_000);

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
        var (rows, distinct) = await ReplayAfterACrashAsync("metrics.dedup", Crash.AfterInsert);

        Assert.Equal(((ulong)3_000, (ulong)3_000), (rows, distinct));
    }

    [Fact]
    public async Task Run_BatchLandedButItsTokenForgotten_NotWrittenAgain()
    {
        // What a ClickHouse server killed with the sink leaves: the batch landed and was recorded
        // as such, but the server's deduplication log lost its token (it is buffered in memory),
        // so a second insert of the batch would be kept.
        var (rows, distinct) = await ReplayAfterACrashAsync("metrics.landed", Crash.AfterLandedMarkTokenForgotten);

        Assert.Equal(((ulong)3_000, (ulong)3_000), (rows, distinct));
    }

    [Fact]
    public async Task Run_BatchLandedNeitherMarkedNorItsTokenRemembered_NotWrittenAgain()
    {
        // The process (sink and chDB in one) killed between the insert's return and the landed
        // mark: only the rows themselves, each carrying the insert's token, say it landed.
        var (rows, distinct) = await ReplayAfterACrashAsync("metrics.unmarked", Crash.BeforeLandedMarkTokenForgotten);

        Assert.Equal(((ulong)3_000, (ulong)3_000), (rows, distinct));
    }

    [Fact]
    public async Task Run_BatchPartlyLanded_RestDeletedAndWrittenWholeOnce()
    {
        // An insert spanning partitions stopped between them: some of its rows landed.
        var (rows, distinct) = await ReplayAfterACrashAsync("metrics.partly", Crash.BetweenPartsTokenForgotten);

        Assert.Equal(((ulong)3_000, (ulong)3_000), (rows, distinct));
    }

    /// <summary>Where the previous sink was when it died, and whether ClickHouse died with it (its deduplication log is buffered in memory).</summary>
    private enum Crash
    {
        AfterInsert,
        AfterLandedMarkTokenForgotten,
        BeforeLandedMarkTokenForgotten,
        BetweenPartsTokenForgotten,
    }

    /// <summary>
    /// 3,000 samples on a topic whose first 1,200 a previous sink recorded and inserted (or, for
    /// <see cref="Crash.BetweenPartsTokenForgotten"/>, the first 500 of them) without committing;
    /// then a sink runs until every sample is in. Where the token was forgotten, the first insert
    /// is not in ClickHouse's deduplication log: after the landed mark it carries another token,
    /// before it the same one, into a table whose log is then emptied (so its rows carry the token).
    /// </summary>
    private async Task<(ulong Rows, ulong Distinct)> ReplayAfterACrashAsync(string topicName, Crash crash)
    {
        var (database, client) = await platform.CreateDatabaseAsync();
        using var _ = client;
        var topic = platform.CreateTopic(topicName, 1);
        var samples = SinkPlatformFixture.Samples(3_000, Start).ToList();
        await platform.ProduceAsync(topic, samples, s => s.host);
        var group = "sink-" + topic;
        var mapper = new MetricSampleRows();
        var rows = new List<object[]>();
        samples.Take(1_200).ToList().ForEach(s => mapper.AddRows(s, rows));
        var written = new OffsetRange(new TopicPartition(topic, 0), 0, 1_199, platform.TimestampAt(topic, 0));
        var intents = new BatchIntents(client, group);
        await intents.RecordAsync([written], CancellationToken.None);
        switch (crash)
        {
            case Crash.AfterInsert:
                await BatchInsert.InsertAsync(client, mapper, written, rows, CancellationToken.None);
                break;
            case Crash.AfterLandedMarkTokenForgotten:
                await BatchInsert.InsertAsync(client, mapper, written with { FirstTimestampMs = 1 }, rows, CancellationToken.None);
                await intents.MarkLandedAsync([written], CancellationToken.None);
                break;
            case Crash.BeforeLandedMarkTokenForgotten:
                await InsertForgottenAsync(client, mapper, written, rows);
                break;
            case Crash.BetweenPartsTokenForgotten:
                await InsertForgottenAsync(client, mapper, written, rows[..500]);
                break;
        }

        using var host = SinkHost.Build(platform.Endpoints(database), SinkHost.Settings(topic, group, "500"));
        await host.StartAsync();
        await SinkTestSupport.WaitForCountAsync(client, "SELECT count() FROM metrics_raw", 3_000, TimeSpan.FromSeconds(120));
        await Task.Delay(1_500);
        await host.StopAsync();
        return ((ulong)(await client.ExecuteScalarAsync("SELECT count() FROM metrics_raw"))!, (ulong)(await client.ExecuteScalarAsync("SELECT uniqExact(host, metric, ts) FROM metrics_raw"))!);
    }

    // The rows carry the token; the table's deduplication log is emptied, as a killed ClickHouse's is.
    private static async Task InsertForgottenAsync(global::ClickHouse.Driver.ClickHouseClient client, MetricSampleRows mapper, OffsetRange range, List<object[]> rows)
    {
        await client.ExecuteNonQueryAsync("ALTER TABLE metrics_raw MODIFY SETTING non_replicated_deduplication_window = 0");
        await BatchInsert.InsertAsync(client, mapper, range, rows, CancellationToken.None);
        await client.ExecuteNonQueryAsync("ALTER TABLE metrics_raw MODIFY SETTING non_replicated_deduplication_window = 1000");
    }

    [Fact]
    public async Task Run_TopicCreatedAnewAtTheSameOffsets_NewRecordsWrittenNotTakenForDuplicates()
    {
        // What a restarted embedded broker leaves: ClickHouse remembers a previous run's batch
        // 0..1,199 of this topic, but the records now at those offsets are new ones.
        var (database, client) = await platform.CreateDatabaseAsync();
        using var _ = client;
        var topic = platform.CreateTopic("metrics.anew", 1);
        var group = "sink-" + topic;
        var mapper = new MetricSampleRows();
        var previous = new List<object[]>();
        SinkPlatformFixture.Samples(1_200, Start.AddDays(-1)).ToList().ForEach(s => mapper.AddRows(s, previous));
        var previousRun = new OffsetRange(new TopicPartition(topic, 0), 0, 1_199, 1_764_000_000_000);
        await new BatchIntents(client, group).RecordAsync([previousRun], CancellationToken.None);
        await BatchInsert.InsertAsync(client, mapper, previousRun, previous, CancellationToken.None);
        await platform.ProduceAsync(topic, SinkPlatformFixture.Samples(1_200, Start), s => s.host);

        using var host = SinkHost.Build(platform.Endpoints(database), SinkHost.Settings(topic, group, "500"));
        await host.StartAsync();
        var count = await SinkTestSupport.WaitForCountAsync(client, "SELECT count() FROM metrics_raw", 2_400, TimeSpan.FromSeconds(120));
        await host.StopAsync();

        Assert.Equal((ulong)2_400, count);
        Assert.Equal((ulong)1_200, await client.ExecuteScalarAsync($"SELECT count() FROM metrics_raw WHERE ts >= toDateTime64('{Start:yyyy-MM-dd HH:mm:ss}', 3, 'UTC')"));
    }
}
