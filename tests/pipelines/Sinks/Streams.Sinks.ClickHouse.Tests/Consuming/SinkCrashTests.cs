using System.Diagnostics;
using System.Globalization;

namespace Streams.Sinks.ClickHouse.Tests.Consuming;

/// <summary>
/// Exactly once in effect: the sink runs in a child process (this assembly's Main) against the
/// platform in this process, is killed with SIGKILL while it writes, restarted, and every
/// produced sample is in ClickHouse exactly once.
/// </summary>
[Collection(SinkPlatformGroup.Name)]
public sealed class SinkCrashTests(SinkPlatformFixture platform)
{
    private const int Samples = 120_000;

    [Fact]
    public async Task Run_KilledTwiceMidBatch_RowCountEqualsProducedCount()
    {
        var (database, client) = await platform.CreateDatabaseAsync();
        using var _ = client;
        var topic = platform.CreateTopic("metrics.crash", 4);
        var group = "sink-" + topic;
        await platform.ProduceAsync(topic, SinkPlatformFixture.Samples(Samples, new DateTime(2026, 11, 25, 7, 0, 0, DateTimeKind.Utc), hosts: 500), s => s.host);
        const string Count = "SELECT count() FROM metrics_raw";

        foreach (var killAt in new ulong[] { 15_000, 60_000 })
        {
            using var child = StartSink(database, topic, group);
            var reached = await SinkTestSupport.WaitForCountAsync(client, Count, killAt, TimeSpan.FromSeconds(120));
            Assert.True(reached >= killAt, $"the sink wrote only {reached} rows before the kill; its output:\n{await OutputAsync(child)}");
            child.Kill();
            await child.WaitForExitAsync();
            Assert.True((ulong)(await client.ExecuteScalarAsync(Count))! < Samples, "the sink finished before it could be killed mid-run");
        }

        using (var last = StartSink(database, topic, group))
        {
            var final = await SinkTestSupport.WaitForCountAsync(client, Count, Samples, TimeSpan.FromSeconds(180));
            await Task.Delay(TimeSpan.FromSeconds(1));
            last.Kill();
            await last.WaitForExitAsync();
            Assert.True(final >= Samples, $"only {final} of {Samples} rows arrived; sink output:\n{await OutputAsync(last)}");
        }

        Assert.Equal((ulong)Samples, await client.ExecuteScalarAsync(Count));
        Assert.Equal((ulong)Samples, await client.ExecuteScalarAsync("SELECT uniqExact(host, metric, ts) FROM metrics_raw"));
        Assert.Equal((ulong)Samples, await client.ExecuteScalarAsync("SELECT sum(samples) FROM metrics_1m"));
    }

    private Process StartSink(string database, string topic, string group)
    {
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } path ? path : "dotnet";
        var start = new ProcessStartInfo(dotnet)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
                 {
                     typeof(SinkCrashTests).Assembly.Location, "sink", platform.Kafka.BootstrapServers, platform.RegistryUrl.ToString(),
                     platform.ClickHouse.Url.ToString(), database, topic, group, 5_000.ToString(CultureInfo.InvariantCulture),
                 })
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start) ?? throw new InvalidOperationException("Could not start the sink child process.");
    }

    private static async Task<string> OutputAsync(Process child)
    {
        if (!child.HasExited)
        {
            child.Kill();
        }

        return await child.StandardOutput.ReadToEndAsync() + await child.StandardError.ReadToEndAsync();
    }
}
