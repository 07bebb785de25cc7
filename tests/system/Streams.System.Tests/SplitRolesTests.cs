using System.Diagnostics;
using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Xunit.Abstractions;

namespace Streams.System.Tests;

/// <summary>
/// Every role in its own processes, two of each (see <see cref="SplitPlatform"/>): configuration,
/// the dashboard channel and the data cross process boundaries, and instances share the work.
/// </summary>
[Collection(nameof(SystemGroup))]
public sealed class SplitRolesTests(ITestOutputHelper output)
{
    // Every role service of the Compose file, two instances of each, as the issue's deployment runs
    // them (instances of a role split its partitions: a Streamiz application id or a consumer
    // group each), except those that run once: the host agent (one per machine), the syslog
    // receiver, and the forecaster (no group shares its work, so two would forecast everything twice).
    private static readonly string[] RunOnce = ["collector", "logs", "forecaster"];
    private const int Instances = 2;
    private const int Servers = 20;
    private static readonly TimeSpan Load = TimeSpan.FromSeconds(40);

    [Fact]
    public async Task RolesAsSeparateProcesses_FleetWithIncidents_AlertsOncePerPreferenceAndReachClickHouseAndTheOtherApisDashboard()
    {
        var clock = Stopwatch.StartNew();
        using var platform = await SplitPlatform.StartAsync(output);
        var processes = platform.Services
            .SelectMany(s => Enumerable.Range(1, RunOnce.Contains(s.Service) ? 1 : Instances).Select(i => platform.StartRole($"{s.Service}-{i}", s.Service)))
            .ToList();
        foreach (var process in processes)
        {
            await process.WaitReadyAsync(TimeSpan.FromSeconds(180));
        }

        var (api1, api2) = (processes.Single(p => p.Name == "api-1"), processes.Single(p => p.Name == "api-2"));
        output.WriteLine($"{platform.ProcessCount} processes ready after {clock.Elapsed.TotalSeconds:F0} s");

        // Configured through one API instance, in force in the other and in the roles.
        using var http1 = platform.Client(api1);
        using var http2 = platform.Client(api2);
        await SplitPlatform.PutAsync(http1, "/api/preferences/wall",
            """{"name":"NOC wall","team":"noc","channels":[{"type":"dashboard","address":"noc-wall"}],"minSeverity":"info"}""");
        await SplitPlatform.PutAsync(http1, "/api/rules/cpu-any",
            """{"id":"cpu-any","name":"CpuAny","kind":"threshold","severity":"warning","for":"0s","threshold":{"metric":"cpu.util","statistic":"mean","comparator":">","value":0,"clear":-1}}""");
        await platform.EventuallyAsync(TimeSpan.FromSeconds(15), async () => (await http2.GetAsync(new Uri("/api/rules/cpu-any", UriKind.Relative))).StatusCode == HttpStatusCode.OK, "the rule written through api-1 is not served by api-2");
        using var hook1 = new WebhookReceiver();
        using var hook2 = new WebhookReceiver();
        WebhookReceiver[] hooks = [hook1, hook2];
        await LabelledIncidents.ConfigureAsync(http1, hooks);

        using var feed = new ClientWebSocket();
        await feed.ConnectAsync(new Uri($"ws://127.0.0.1:{api2.Api.Port}/api/live?feeds=notifications&access_token={platform.AdminKey}"), CancellationToken.None);
        var notification = ReceiveNotificationAsync(feed, TimeSpan.FromSeconds(240));

        var summary = new StringBuilder();
        var simulate = platform.Simulate(Servers, Load, summary, LabelledIncidents.SimulateOptions(Load));
        using (var simulating = new CancellationTokenSource(TimeSpan.FromSeconds(180)))
        {
            await simulate.WaitForExitAsync(simulating.Token);
        }

        Assert.True(simulate.ExitCode == 0, $"streams simulate exited with {simulate.ExitCode}");
        var samples = SplitPlatform.Measure(summary, "samples (metrics.raw)");
        Assert.Equal((0, 0), (SplitPlatform.Measure(summary, "failed"), SplitPlatform.Measure(summary, "unconfirmed")));

        await LabelledIncidents.AssertDetectedNotifiedOnceAndResolvedAsync(platform, Servers, hooks, http1, output);
        output.WriteLine($"incidents checked after {clock.Elapsed.TotalSeconds:F0} s");

        // The dashboard channel of the notifier process reaches a browser of api-2 through Kafka.
        var frame = await notification;
        Assert.True(frame is not null, "no notification reached api-2's live feed\n" + platform.Logs());
        Assert.Equal("noc-wall", frame.Value.GetProperty("recipient").GetString());
        output.WriteLine($"notification on api-2 after {clock.Elapsed.TotalSeconds:F0} s: {frame.Value.GetProperty("title").GetString()}");

        // The sink process wrote what the other processes produced, and ClickHouse rolled it up.
        // The collector process's own samples too (the host agent, configured as its Compose
        // service). Not here: forecasts, fitted on the hourly rollups once an hour (Forecaster:Cadence).
        foreach (var table in new[] { "metrics_raw", "metric_windows", "anomalies", "alerts", "notifications", "logs", "metrics_1m", "metrics_1h", "series_1h", "sink_batches", "metrics_raw WHERE source = 'AGENT'" })
        {
            long rows = 0;
            await platform.EventuallyAsync(TimeSpan.FromSeconds(60), async () => (rows = (await platform.QueryNumbersAsync($"SELECT count() FROM {table}"))[0]) > 0, $"no rows in {table}");
            output.WriteLine($"{table}: {rows} rows");
        }

        await SampleLedger.AssertEveryAcknowledgedSampleOnceAsync(platform, samples, output);
    }

    private static async Task<JsonElement?> ReceiveNotificationAsync(ClientWebSocket socket, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        var buffer = new byte[64 * 1024];
        try
        {
            while (true)
            {
                var text = new StringBuilder();
                WebSocketReceiveResult result;
                do
                {
                    result = await socket.ReceiveAsync(buffer, cancel.Token);
                    text.Append(Encoding.UTF8.GetString(buffer, 0, result.Count));
                }
                while (!result.EndOfMessage);
                var frame = JsonDocument.Parse(text.ToString()).RootElement;
                if (frame.GetProperty("type").GetString() == "notification")
                {
                    return frame.GetProperty("data").Clone();
                }
            }
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

}
