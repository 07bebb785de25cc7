using io.streams.avro;

namespace Streams.Sinks.ClickHouse.Tests.Consuming;

/// <summary>
/// What a Streamiz stage killed between producing and committing leaves on its output topic: the
/// records it had produced since its last commit, a second time, byte for byte, after them.
/// </summary>
[Collection(SinkPlatformGroup.Name)]
public sealed class ReplayedRecordsTests(SinkPlatformFixture platform)
{
    private static readonly DateTime Start = new(2026, 12, 1, 9, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task Run_StageReplaysWhatItHadProduced_EachRowWrittenOnce()
    {
        var (rows, distinct) = await RunAsync("metrics.replayed", restartBeforeReplay: false, settings => { });

        Assert.Equal(((ulong)2_500, (ulong)2_500), (rows, distinct));
    }

    [Fact]
    public async Task Run_ReplayReadAfterTheSinkRestarted_RecognisedFromTheRecordsBeforeItsStart()
    {
        var (rows, distinct) = await RunAsync("metrics.replayed-restart", restartBeforeReplay: true, settings => { });

        Assert.Equal(((ulong)2_500, (ulong)2_500), (rows, distinct));
    }

    [Fact]
    public async Task Run_RepeatLookbackOff_ReplayWrittenAgain()
    {
        var (rows, distinct) = await RunAsync("metrics.replayed-off", restartBeforeReplay: false, settings => settings["Sink:RepeatLookback"] = "0");

        Assert.Equal(((ulong)3_000, (ulong)2_500), (rows, distinct));
    }

    /// <summary>2,000 samples, then the last 500 of them again and 500 new ones; returns the rows and distinct rows of metrics_raw.</summary>
    private async Task<(ulong Rows, ulong Distinct)> RunAsync(string topicName, bool restartBeforeReplay, Action<Dictionary<string, string?>> configure)
    {
        var (database, client) = await platform.CreateDatabaseAsync();
        using var _ = client;
        var topic = platform.CreateTopic(topicName, 1);
        var group = "sink-" + topic;
        var samples = SinkPlatformFixture.Samples(2_500, Start).ToList();
        var settings = SinkHost.Settings(topic, group, "300");
        configure(settings);
        await platform.ProduceAsync(topic, samples[..2_000], Host);
        if (restartBeforeReplay)
        {
            using var first = SinkHost.Build(platform.Endpoints(database), settings);
            await first.StartAsync();
            await SinkTestSupport.WaitForCountAsync(client, "SELECT count() FROM metrics_raw", 2_000, TimeSpan.FromSeconds(120));
            await Task.Delay(1_500);
            await first.StopAsync();
        }

        await platform.ProduceAsync(topic, samples[1_500..2_000], Host);
        await platform.ProduceAsync(topic, samples[2_000..], Host);
        using var host = SinkHost.Build(platform.Endpoints(database), settings);
        await host.StartAsync();
        var expected = settings.GetValueOrDefault("Sink:RepeatLookback") == "0" ? 3_000UL : 2_500UL;
        await SinkTestSupport.WaitForCountAsync(client, "SELECT count() FROM metrics_raw", expected, TimeSpan.FromSeconds(120));
        await Task.Delay(1_500);
        await host.StopAsync();
        return ((ulong)(await client.ExecuteScalarAsync("SELECT count() FROM metrics_raw"))!, (ulong)(await client.ExecuteScalarAsync("SELECT uniqExact(host, metric, ts) FROM metrics_raw"))!);
    }

    private static string Host(MetricSample sample) => sample.host;
}
