using System.Diagnostics;
using System.Text;
using Xunit.Abstractions;

namespace Streams.System.Tests;

/// <summary>
/// Faults under load: while the simulator publishes, each role process is killed with SIGKILL
/// at a random moment and started again on its data directory, the only collector (the host
/// agent) among them. Nothing acknowledged may be lost or written twice, an alert that was firing
/// before a kill is not notified again after it, and the collector's samples keep arriving once each.
/// </summary>
[Collection(nameof(SystemGroup))]
public sealed class RoleFaultTests(ITestOutputHelper output)
{
    // Every role service of the Compose file runs once; these are killed, a deliberate subset and
    // order: the collector, then downstream first, so each kill meets a role with work in flight
    // from the ones before it. logs and forecaster carry nothing the invariants count, and the
    // API is killed in InstanceFaultTests.
    private static readonly string[] Killed = ["collector", "sink", "notifier", "alerting", "scorer", "processor"];
    private const int Servers = 10;
    private static readonly TimeSpan FirstKill = TimeSpan.FromSeconds(12);
    private static readonly TimeSpan Slot = TimeSpan.FromSeconds(14);
    private static readonly TimeSpan Load = FirstKill + (Slot * Killed.Length) + TimeSpan.FromSeconds(8);

    [Fact]
    public async Task EveryRoleKilled9UnderLoad_NothingLostOrDuplicated_AndNoAlertNotifiedTwice()
    {
        var seed = Environment.TickCount;
        var random = new Random(seed);
        output.WriteLine($"seed {seed}");
        using var platform = await SplitPlatform.StartAsync(output);
        var roles = platform.Services.ToDictionary(s => s.Service, s => platform.StartRole(s.Service, s.Service));
        foreach (var process in roles.Values)
        {
            await process.WaitReadyAsync(TimeSpan.FromSeconds(180));
        }

        using var receiver = new WebhookReceiver();
        using var http = platform.Client(roles["api"]);
        await CpuAnyAlert.ConfigureAsync(http, receiver);

        var summary = new StringBuilder();
        var clock = Stopwatch.StartNew();
        var simulate = platform.Simulate(Servers, Load, summary);
        var report = new StringBuilder("| role | killed at | ready again after |\n|---|---|---|\n");
        var collectorReady = DateTime.MinValue;
        for (var i = 0; i < Killed.Length; i++)
        {
            // A random moment in this role's slot, after a first stretch of load.
            var at = FirstKill + (Slot * i) + (Slot * random.NextDouble() * 0.6);
            if (clock.Elapsed < at)
            {
                await Task.Delay(at - clock.Elapsed);
            }

            var role = Killed[i];
            roles[role].Kill9();
            var killedAt = clock.Elapsed;
            roles[role] = platform.Restart(roles[role]);
            await roles[role].WaitReadyAsync(TimeSpan.FromSeconds(120));
            collectorReady = role == "collector" ? DateTime.UtcNow : collectorReady;
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

        await CollectorSamples.AssertOnceAndArrivingAfterAsync(platform, collectorReady, output);

        // The collector's machine (its default Collector:Host) raises cpu-any as well; across its
        // kill its alert may resolve and fire again, but is never delivered FIRING twice in a row.
        await CpuAnyAlert.AssertEachHostNotifiedOnceAsync(platform, receiver, Servers + 1, output, restartedAgentHost: Environment.MachineName);
    }
}
