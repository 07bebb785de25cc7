using System.Diagnostics;
using System.Net;
using System.Text;
using Streams.Testing;
using Xunit.Abstractions;

namespace Streams.System.Tests;

/// <summary>
/// Outages under load, the roles as separate processes: the webhook receiver refusing every
/// delivery for a minute, ClickHouse unreachable from the sink for a minute, and the notifier
/// frozen with SIGSTOP past its group session timeout, then resumed. Nothing may be lost or
/// written twice, every host's alert must reach the webhook exactly once when it is back, and each
/// server's labelled incident must be detected, notified once to each preference (whose webhooks
/// are down too) and resolved (<see cref="LabelledIncidents"/>).
/// </summary>
[Collection(nameof(SystemGroup))]
public sealed class OutageFaultTests(ITestOutputHelper output)
{
    // Compose services (SplitPlatform.StartRole), a deliberate subset: the path of a sample to a
    // notification; the sink is started apart, through the proxy that takes ClickHouse away.
    private static readonly string[] Roles = ["processor", "scorer", "alerting", "notifier", "api"];
    private const int Servers = 10;
    private static readonly TimeSpan Load = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(60);

    // Played so that the incidents, which start after 12 simulated minutes, begin 24 s into the
    // load: their first notifications meet the frozen notifier and the refusing webhooks.
    private static readonly TimeSpan Span = TimeSpan.FromMinutes(45);

    // Past the roles' 10 s session timeout, so the group evicts the frozen member.
    private static readonly TimeSpan Frozen = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task ChannelDownClickHouseAwayAndNotifierFrozen_NothingLostOrDuplicated_EachAlertNotifiedOnce()
    {
        using var platform = await SplitPlatform.StartAsync(output);
        using var clickHouse = new TcpProxy(new IPEndPoint(IPAddress.Loopback, platform.ClickHouse.BaseAddress!.Port));
        clickHouse.Start();
        var roles = Roles.ToDictionary(role => role, role => platform.StartRole(role, role));
        roles["sink"] = platform.StartRole("sink", "sink", $"--ClickHouse:Url={clickHouse.Url}");
        foreach (var process in roles.Values)
        {
            await process.WaitReadyAsync(TimeSpan.FromSeconds(180));
        }

        // Down before the first alert fires: every first attempt fails and only retries can deliver.
        using var receiver = new WebhookReceiver { Down = true };
        using var hook1 = new WebhookReceiver { Down = true };
        using var hook2 = new WebhookReceiver { Down = true };
        WebhookReceiver[] hooks = [hook1, hook2];
        using (var http = platform.Client(roles["api"]))
        {
            await CpuAnyAlert.ConfigureAsync(http, receiver);
            await LabelledIncidents.ConfigureAsync(http, hooks);
        }

        var summary = new StringBuilder();
        var clock = Stopwatch.StartNew();
        var simulate = platform.Simulate(Servers, Load, summary, LabelledIncidents.SimulateOptions(Load, Span));
        var timeline = new StringBuilder();
        void Mark(string what) => timeline.AppendLine($"{clock.Elapsed.TotalSeconds,6:F1} s  {what}");
        Mark("webhook refusing");

        await clock.UntilAsync(TimeSpan.FromSeconds(15));
        clickHouse.Stop();
        Mark("ClickHouse unreachable from the sink");

        await clock.UntilAsync(TimeSpan.FromSeconds(30));
        roles["notifier"].Pause();
        Mark("notifier frozen (SIGSTOP)");

        await clock.UntilAsync(TimeSpan.FromSeconds(30) + Frozen);
        roles["notifier"].Resume();
        Mark("notifier resumed (SIGCONT)");

        await clock.UntilAsync(Outage);
        receiver.Down = hook1.Down = hook2.Down = false;
        Mark($"webhooks back after refusing {receiver.Refused} deliveries (the incidents' {hook1.Refused} and {hook2.Refused})");

        await clock.UntilAsync(TimeSpan.FromSeconds(15) + Outage);
        clickHouse.Start();
        Mark("ClickHouse reachable again");

        using (var simulating = new CancellationTokenSource(Load + TimeSpan.FromSeconds(90)))
        {
            await simulate.WaitForExitAsync(simulating.Token);
        }

        output.WriteLine(timeline.ToString());
        Assert.True(simulate.ExitCode == 0, $"streams simulate exited with {simulate.ExitCode}");
        Assert.True(receiver.Refused > 0, "no delivery was attempted while the webhook was down, so the outage tested nothing");
        // The ledger first: it waits for the sink's backlog from the ClickHouse outage, which holds
        // the alert records the incident check reads.
        await SampleLedger.AssertEveryAcknowledgedSampleOnceAsync(platform, SplitPlatform.Measure(summary, "samples (metrics.raw)"), output);
        using (var api = platform.Client(roles["api"]))
        {
            await LabelledIncidents.AssertDetectedNotifiedOnceAndResolvedAsync(platform, Servers, hooks, api, output);
        }

        Assert.True(hook1.Refused + hook2.Refused > 0, $"no incident's notification was attempted while the webhooks were down, so the outage tested nothing for them; the first delivered at {hook1.Deliveries.Min(d => d.At):HH:mm:ss.f}, the load started at {DateTime.UtcNow - clock.Elapsed:HH:mm:ss.f}");
        await CpuAnyAlert.AssertEachHostNotifiedOnceAsync(platform, receiver, Servers, output);
    }
}
