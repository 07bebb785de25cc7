using System.Diagnostics;
using System.Text;
using Xunit.Abstractions;

namespace Streams.System.Tests;

/// <summary>
/// Faults under load in the issue's deployment, two instances of each role: while the simulator
/// publishes, one instance of each role, chosen at random, is killed with SIGKILL at a random
/// moment and started again on its data directory; then one instance of each Streamiz role that
/// holds state (processor, alerting) is frozen with SIGSTOP past its group session, so the group
/// hands its partitions to the other instance, and resumed. Nothing acknowledged may be lost or
/// written twice, no alert notified twice, and every group's lag is back to 0 within 60 s of the
/// load. The per-fault table (<see cref="FaultReport"/>) is printed.
/// </summary>
[Collection(nameof(SystemGroup))]
public sealed class InstanceFaultTests(ITestOutputHelper output)
{
    // Compose services (SplitPlatform.StartRole), a deliberate subset: the roles whose instances
    // share work, two of each; downstream first, so each kill meets a role with work in flight
    // from the ones before it. The only collector's kill is in RoleFaultTests.
    private static readonly string[] Killed = ["sink", "notifier", "alerting", "scorer", "processor", "api"];
    private static readonly string[] Frozen = ["processor", "alerting"];
    private static readonly string[] Streamiz = ["processor", "scorer", "alerting"];
    private const int Instances = 2;

    // The test command runs 10 servers and one round of faults; STREAMS_FAULT_SERVERS and
    // STREAMS_FAULT_ROUNDS make it a soak (each round is every fault again, 130 s more of load).
    private static readonly int Servers = SoakSettings.Number("STREAMS_FAULT_SERVERS", 10);
    private static readonly int Rounds = SoakSettings.Number("STREAMS_FAULT_ROUNDS", 1);

    // The Streamiz roles run with a 6 s session here instead of their 10 s, so a freeze past it
    // stays short; twice the session leaves the broker time to expire the member and rebalance.
    private const int SessionTimeoutMs = 6_000;
    private static readonly TimeSpan Freeze = TimeSpan.FromMilliseconds(2 * SessionTimeoutMs);

    private static readonly TimeSpan FirstFault = TimeSpan.FromSeconds(12);
    private static readonly TimeSpan KillSlot = TimeSpan.FromSeconds(12);
    private static readonly TimeSpan FreezeLimit = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan FreezeSlot = Freeze + TimeSpan.FromSeconds(8);
    private static readonly TimeSpan Load = FirstFault + (Rounds * ((Killed.Length * KillSlot) + (Frozen.Length * FreezeSlot))) + TimeSpan.FromSeconds(5);
    private static readonly TimeSpan CatchUp = TimeSpan.FromSeconds(60);

    // What StreamizService logs when the group moves partitions: the other instance's sign that the frozen one was evicted.
    private const string Rebalancing = "is REBALANCING";

    // STREAMS_FAULT_* make it a soak.
    [Fact]
    public async Task OneOfTwoInstancesOfEachRoleKilled9_AndStreamizRolesFrozenPastTheirSession_NothingLostOrDuplicated_NoAlertNotifiedTwice_LagBackTo0()
    {
        var seed = Environment.TickCount;
        var random = new Random(seed);
        output.WriteLine($"seed {seed}; {Servers} servers, {Rounds} round(s) of faults in {Load.TotalSeconds:F0} s of load");
        using var platform = await SplitPlatform.StartAsync(output);
        var instances = Killed.ToDictionary(role => role, role => Enumerable.Range(1, Instances).Select(i => platform.StartRole($"{role}-{i}", role, Options(role))).ToArray());
        foreach (var process in instances.Values.SelectMany(p => p))
        {
            await process.WaitReadyAsync(TimeSpan.FromSeconds(180));
        }

        // Faults start from a settled pipeline: a group still sharing out its partitions at start-up
        // would put its own replays in the table's first row.
        foreach (var role in Streamiz)
        {
            await StreamsRunningAsync(platform, instances[role], $"streams-{role}");
        }

        using var receiver = new WebhookReceiver();
        // An API instance keeps its port across a restart, so these clients outlive the kills.
        using var api1 = platform.Client(instances["api"][0]);
        using var api2 = platform.Client(instances["api"][1]);
        await CpuAnyAlert.ConfigureAsync(api1, receiver);

        var summary = new StringBuilder();
        var clock = Stopwatch.StartNew();
        var simulate = platform.Simulate(Servers, Load, summary);
        var faults = new List<InjectedFault>();
        var notHandedOver = new List<string>();
        await using var lag = new LagWatch([api1, api2], clock);
        var slot = FirstFault;
        for (var round = 0; round < Rounds; round++)
        {
            foreach (var role in Killed)
            {
                await clock.UntilAsync(slot + (KillSlot * random.NextDouble() * 0.4));
                var n = random.Next(Instances);
                var fault = Begin(faults, "kill -9", instances[role][n], role, clock);
                instances[role][n].Kill9();
                instances[role][n] = platform.Restart(instances[role][n]);
                await instances[role][n].WaitReadyAsync(TimeSpan.FromSeconds(120));
                fault.Ready = clock.Elapsed;
                slot += KillSlot;
            }

            foreach (var role in Frozen)
            {
                await clock.UntilAsync(slot + (TimeSpan.FromSeconds(4) * random.NextDouble()));
                await StreamsRunningAsync(platform, instances[role], $"streams-{role}");
                var n = random.Next(Instances);
                var (process, other) = (instances[role][n], instances[role][1 - n]);
                var rebalances = other.CountLines(Rebalancing);
                var fault = Begin(faults, $"SIGSTOP {Freeze.TotalSeconds:F0}+ s", process, role, clock);
                process.Pause();
                await Task.Delay(Freeze);

                // The group notices a silent member at its next session check and tells the other
                // one at its next heartbeat: on a loaded box that can come after twice the session,
                // so the freeze lasts until then, up to FreezeLimit.
                var limit = DateTime.UtcNow + (FreezeLimit - Freeze);
                while (other.CountLines(Rebalancing) == rebalances && DateTime.UtcNow < limit)
                {
                    await Task.Delay(250);
                }

                if (other.CountLines(Rebalancing) == rebalances)
                {
                    notHandedOver.Add(process.Name);
                    output.WriteLine($"{process.Name} frozen at {fault.AtUtc:HH:mm:ss.f}, not handed over; what the group's members last said of it:");
                    foreach (var member in instances[role])
                    {
                        output.WriteLine($"--- {member.Name}\n{member.Grep("(?i)stream |rebalanc|partition|sesstmout|group|member", 25)}");
                    }
                }

                process.Resume();
                await process.WaitReadyAsync(TimeSpan.FromSeconds(60));
                fault.Ready = clock.Elapsed;
                slot += FreezeSlot;
            }
        }

        using (var simulating = new CancellationTokenSource(Load + TimeSpan.FromSeconds(90)))
        {
            await simulate.WaitForExitAsync(simulating.Token);
        }

        Assert.True(simulate.ExitCode == 0, $"streams simulate exited with {simulate.ExitCode}");
        Assert.Equal((0, 0), (SplitPlatform.Measure(summary, "failed"), SplitPlatform.Measure(summary, "unconfirmed")));
        var caughtUp = await lag.CaughtUpWithinAsync(CatchUp);
        var samples = await SampleLedger.CountAsync(platform, SplitPlatform.Measure(summary, "samples (metrics.raw)"));
        output.WriteLine(await FaultReport.BuildAsync(platform, faults, lag.Readings, caughtUp, samples, CpuAnyAlert.FiringTimes(receiver), Servers));

        // Said, not failed on: in 2 of 3 runs on the embedded broker one frozen member was not
        // evicted within 30 s (README, open in #22); the invariants below hold either way.
        if (notHandedOver.Count > 0)
        {
            output.WriteLine($"not handed over: the other instance did not rebalance while {string.Join(" and ", notHandedOver)} was frozen (up to {FreezeLimit.TotalSeconds:F0} s), so that freeze tested a resume, not a handover");
        }

        if (caughtUp is null)
        {
            // What the instances of each role still behind last said of their stream, partitions and polls.
            var behind = (await lag.ReadAsync())?.Groups.Where(g => g.Value > 0).Select(g => g.Key["streams-".Length..]).Where(instances.ContainsKey) ?? [];
            Assert.Fail($"some consumer group still lagged {CatchUp.TotalSeconds:F0} s after the load: {await lag.DescribeBehindAsync()}\n"
                + string.Join("\n", behind.SelectMany(role => instances[role]).Select(p => $"--- {p.Name}\n{p.Grep("(?i)stream |rebalanc|partition|fenced|stuck|poll", 15)}")));
        }

        await SampleLedger.AssertOnceAsync(platform, samples, output);
        await CpuAnyAlert.AssertEachHostNotifiedOnceAsync(platform, receiver, Servers, output);
    }

    // The Streamiz roles are the ones frozen; their session is the one a freeze has to outlast.
    private static string[] Options(string role) => role switch
    {
        "processor" => [$"--Processor:SessionTimeoutMs={SessionTimeoutMs}"],
        "alerting" => [$"--Alerting:SessionTimeoutMs={SessionTimeoutMs}"],
        _ => [],
    };

    /// <summary>
    /// Waits until every instance's stream has its partitions: <c>/readyz</c> answers before that,
    /// and after a kill the group can take half a minute to settle on this box, so a freeze could
    /// otherwise meet an instance that holds nothing and test nothing.
    /// </summary>
    private static Task StreamsRunningAsync(SplitPlatform platform, RoleProcess[] instances, string applicationId) =>
        platform.EventuallyAsync(TimeSpan.FromSeconds(90),
            () => Task.FromResult(instances.All(p => p.LastLine($"Stream {applicationId} is ")?.Contains(" is RUNNING", StringComparison.Ordinal) == true)),
            () => $"the {applicationId} instances' streams are not all RUNNING: {string.Join("; ", instances.Select(p => $"{p.Name}: {p.LastLine($"Stream {applicationId} is ")}"))}");

    private static InjectedFault Begin(List<InjectedFault> faults, string what, RoleProcess process, string role, Stopwatch clock)
    {
        // Every role but the API reads with a consumer group named after it (RoleCatalogue).
        var fault = new InjectedFault(what, process.Name, role == "api" ? null : $"streams-{role}", clock.Elapsed, DateTime.UtcNow);
        faults.Add(fault);
        return fault;
    }
}
