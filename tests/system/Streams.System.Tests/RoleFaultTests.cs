using System.Diagnostics;
using System.Text;
using Xunit.Abstractions;

namespace Streams.System.Tests;

/// <summary>
/// Faults under load: while the simulator publishes, each role process is killed with SIGKILL
/// at a random moment and started again on its data directory. Nothing acknowledged may be lost
/// or written twice, and an alert that was firing before a kill is not notified again after it.
/// </summary>
[Collection(nameof(SystemGroup))]
public sealed class RoleFaultTests(ITestOutputHelper output)
{
    // Downstream first, so each kill meets a role with work in flight from the ones before it.
    private static readonly string[] Roles = ["sink", "notifier", "alerting", "scorer", "processor"];
    private const int Servers = 10;
    private static readonly TimeSpan Load = TimeSpan.FromSeconds(110);
    private static readonly TimeSpan Slot = TimeSpan.FromSeconds(18);

    [Fact]
    public async Task EveryRoleKilled9UnderLoad_NothingLostOrDuplicated_AndNoAlertNotifiedTwice()
    {
        var seed = Environment.TickCount;
        var random = new Random(seed);
        output.WriteLine($"seed {seed}");
        using var platform = await SplitPlatform.StartAsync(output);
        var roles = Roles.ToDictionary(role => role, role => platform.StartRole(role, role));
        var api = platform.StartRole("api", "api");
        foreach (var process in roles.Values.Append(api))
        {
            await process.WaitReadyAsync(TimeSpan.FromSeconds(180));
        }

        using var receiver = new WebhookReceiver();
        using var http = platform.Client(api);
        // One group per host, so each host's alert is one notification, and a repeat only after hours.
        await SplitPlatform.PutAsync(http, "/api/preferences/hook",
            $$"""{"name":"Hook","team":"ops","channels":[{"type":"webhook","url":"{{receiver.Url}}"}],"minSeverity":"info","matchers":["rule=\"cpu-any\""],"groupBy":["host"],"groupWait":"0s","groupInterval":"5m","repeatInterval":"4h"}""");
        await SplitPlatform.PutAsync(http, "/api/rules/cpu-any",
            """{"id":"cpu-any","name":"CpuAny","kind":"threshold","severity":"warning","for":"0s","threshold":{"metric":"cpu.util","statistic":"mean","comparator":">","value":0,"clear":-1}}""");

        var summary = new StringBuilder();
        var clock = Stopwatch.StartNew();
        var simulate = platform.Simulate(Servers, Load, summary);
        var report = new StringBuilder("| role | killed at | ready again after |\n|---|---|---|\n");
        for (var i = 0; i < Roles.Length; i++)
        {
            // A random moment in this role's slot, after a first stretch of load.
            var at = TimeSpan.FromSeconds(12) + (Slot * i) + (Slot * random.NextDouble() * 0.6);
            if (clock.Elapsed < at)
            {
                await Task.Delay(at - clock.Elapsed);
            }

            var role = Roles[i];
            roles[role].Kill9();
            var killedAt = clock.Elapsed;
            roles[role] = platform.Restart(roles[role]);
            await roles[role].WaitReadyAsync(TimeSpan.FromSeconds(120));
            report.AppendLine($"| {role} | {killedAt.TotalSeconds:F1} s ({DateTime.UtcNow - (clock.Elapsed - killedAt):HH:mm:ss.f}) | {(clock.Elapsed - killedAt).TotalSeconds:F1} s |");
        }

        using (var simulating = new CancellationTokenSource(Load + TimeSpan.FromSeconds(90)))
        {
            await simulate.WaitForExitAsync(simulating.Token);
        }

        output.WriteLine(report.ToString());
        Assert.True(simulate.ExitCode == 0, $"streams simulate exited with {simulate.ExitCode}");
        Assert.Equal((0, 0), (SplitPlatform.Measure(summary, "failed"), SplitPlatform.Measure(summary, "unconfirmed")));
        await SampleLedger.AssertEveryAcknowledgedSampleOnceAsync(platform, SplitPlatform.Measure(summary, "samples (metrics.raw)"), output);

        // Every host's cpu-any alert fired during the load, so each is notified, and once.
        await platform.EventuallyAsync(TimeSpan.FromSeconds(60), () => Task.FromResult(FiringPerHost(receiver).Count == Servers),
            $"{FiringPerHost(receiver).Count} of {Servers} hosts' alerts reached the webhook");
        var firing = FiringPerHost(receiver);
        output.WriteLine($"webhook deliveries {receiver.Deliveries.Count}; firing notifications per host: {string.Join(", ", firing.Select(h => $"{h.Key}={h.Value}"))}");
        Assert.True(firing.Values.All(n => n == 1), "a firing alert was notified more than once: " + string.Join(", ", firing.Where(h => h.Value > 1).Select(h => $"{h.Key}×{h.Value}")));
    }

    private static Dictionary<string, int> FiringPerHost(WebhookReceiver receiver) =>
        receiver.Deliveries
            .SelectMany(d => d.GetProperty("alerts").EnumerateArray())
            .Where(a => a.GetProperty("state").GetString() == "FIRING")
            .GroupBy(a => a.GetProperty("labels").GetProperty("host").GetString() ?? "")
            .ToDictionary(g => g.Key, g => g.Count());
}
