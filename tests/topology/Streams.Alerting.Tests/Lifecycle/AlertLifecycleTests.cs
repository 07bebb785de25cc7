using io.streams.avro;
using Streams.Alerting.Lifecycle;
using Streams.Alerting.Silences;
using static Streams.Alerting.Tests.Lifecycle.LifecycleFixture;

namespace Streams.Alerting.Tests.Lifecycle;

public sealed class AlertLifecycleTests
{
    [Fact]
    public void Observe_ConditionHeldForTheForDuration_GoesPendingThenFiringOnTheTimer()
    {
        var alerts = new LifecycleFixture(CpuRule(TimeSpan.FromMinutes(1)));

        var first = alerts.Cpu(0.95, 0);
        Assert.Equal(AlertState.PENDING, Assert.Single(first).state);
        Assert.Empty(alerts.Tick(59));

        var fired = Assert.Single(alerts.Tick(60));
        Assert.Equal(AlertState.FIRING, fired.state);
        Assert.Equal(At(0), new DateTimeOffset(fired.startsAt).ToUnixTimeMilliseconds());
        Assert.Equal("CPU on web-1 at 95%", fired.annotations["summary"]);
        Assert.Equal("CpuBusy", fired.labels[AlertLabels.AlertName]);
        Assert.Equal("{host=\"web-1\"}", fired.groupKey);
    }

    [Fact]
    public void Observe_PendingConditionStopsBeforeForDuration_ResolvesWithoutFiring()
    {
        var alerts = new LifecycleFixture(CpuRule(TimeSpan.FromMinutes(1)));
        alerts.Cpu(0.95, 0);

        var changes = alerts.Cpu(0.85, 30);

        Assert.Equal(AlertState.RESOLVED, Assert.Single(changes).state);
        Assert.Empty(alerts.Tick(120));
    }

    [Fact]
    public void Observe_FiringValueBetweenThresholdAndClear_StaysFiringUntilPastClear()
    {
        var alerts = new LifecycleFixture(CpuRule());
        Assert.Equal(AlertState.FIRING, Assert.Single(alerts.Cpu(0.95, 0)).state);

        Assert.Empty(alerts.Cpu(0.85, 10));
        Assert.Empty(alerts.Cpu(0.91, 20));
        var resolved = Assert.Single(alerts.Cpu(0.5, 30));

        Assert.Equal(AlertState.RESOLVED, resolved.state);
        Assert.Equal(At(30), new DateTimeOffset(resolved.endsAt!.Value).ToUnixTimeMilliseconds());
    }

    [Fact]
    public void Observe_SameInputsReplayed_WritesNoSecondChange()
    {
        var alerts = new LifecycleFixture(CpuRule());
        Assert.Single(alerts.Cpu(0.95, 0));

        Assert.Empty(alerts.Cpu(0.95, 0));
        Assert.Empty(alerts.Cpu(0.97, 10));
    }

    [Fact]
    public void Observe_AlertReFiresAgainAndAgain_IsMarkedFlapping()
    {
        var alerts = new LifecycleFixture(CpuRule());
        var flags = new List<bool>();
        for (var i = 0; i < 4; i++)
        {
            flags.Add(alerts.Cpu(0.95, i * 60).Single().flapping);
            alerts.Cpu(0.5, (i * 60) + 30);
        }

        Assert.Equal([false, false, false, true], flags);
    }

    [Fact]
    public void Tick_SilenceStartsAndEnds_SilencesThenRestoresFiring()
    {
        var alerts = new LifecycleFixture(CpuRule());
        alerts.Cpu(0.95, 0);
        var silence = ActiveSilence.Compile(
            new Silence { Id = "maint", Matchers = ["host=\"web-1\"", "alertname=~\"Cpu.*\""], StartsAt = DateTimeOffset.FromUnixTimeMilliseconds(At(10)), EndsAt = DateTimeOffset.FromUnixTimeMilliseconds(At(100)) },
            out var errors);
        Assert.Empty(errors);
        alerts.Silences.Publish(silence!);

        Assert.Empty(alerts.Tick(5));
        var silenced = Assert.Single(alerts.Tick(10));
        Assert.Equal(AlertState.SILENCED, silenced.state);
        Assert.Equal("maint", silenced.silenceId);
        Assert.Empty(alerts.Tick(50));
        Assert.Equal(AlertState.FIRING, Assert.Single(alerts.Tick(100)).state);
    }

    [Fact]
    public void Tick_HostStopsSending_HostDownFiresAndMutesTheHostsOtherAlertsUntilDataReturns()
    {
        var alerts = new LifecycleFixture(CpuRule(), HostDownRule());
        alerts.State.LastSeen = At(0);
        alerts.Cpu(0.95, 0);

        Assert.Empty(alerts.Tick(59));
        var changes = alerts.Tick(60);

        var down = Assert.Single(changes, a => a.ruleId == "host-down");
        Assert.Equal(AlertState.FIRING, down.state);
        Assert.Equal(Severity.CRITICAL, down.severity);
        var cpu = Assert.Single(changes, a => a.ruleId == "cpu");
        Assert.Equal(AlertState.SILENCED, cpu.state);
        Assert.Equal(down.fingerprint, cpu.silenceId);

        alerts.State.LastSeen = At(70);
        var back = alerts.Lifecycle.Observe(alerts.State, [new Observation(HostDownRule(), new Dictionary<string, string> { ["host"] = Host }, Verdict.Clear, null)], At(70));
        Assert.Equal(AlertState.RESOLVED, Assert.Single(back, a => a.ruleId == "host-down").state);
        Assert.Equal(AlertState.FIRING, Assert.Single(back, a => a.ruleId == "cpu").state);
    }

    [Fact]
    public void Tick_AcknowledgedDuringTheEpisode_BecomesAcknowledgedAndDoesNotCarryToTheNext()
    {
        var alerts = new LifecycleFixture(CpuRule());
        var fingerprint = alerts.Cpu(0.95, 0).Single().fingerprint;
        alerts.Acks.Publish(new Acknowledgement { Fingerprint = fingerprint, By = "alice", At = DateTimeOffset.FromUnixTimeMilliseconds(At(5)) });

        var acked = Assert.Single(alerts.Tick(6));
        Assert.Equal(AlertState.ACKNOWLEDGED, acked.state);
        Assert.Equal("alice", acked.acknowledgedBy);

        alerts.Cpu(0.5, 10);
        var next = Assert.Single(alerts.Cpu(0.95, 20));
        Assert.Equal(AlertState.FIRING, next.state);
        Assert.Empty(alerts.Tick(21));
    }

    [Fact]
    public void Tick_UnacknowledgedPastEscalateAfter_RaisesSeverityAndLevelEachTime()
    {
        var alerts = new LifecycleFixture(CpuRule(escalateAfter: TimeSpan.FromMinutes(10)));
        alerts.Cpu(0.95, 0);

        Assert.Empty(alerts.Tick(599));
        var first = Assert.Single(alerts.Tick(600));
        var second = Assert.Single(alerts.Tick(1200));

        Assert.Equal((1, Severity.MAJOR, AlertState.FIRING), (first.escalationLevel, first.severity, first.state));
        Assert.Equal((2, Severity.CRITICAL), (second.escalationLevel, second.severity));
    }

    [Fact]
    public void Tick_RuleDeleted_ResolvesItsAlerts()
    {
        var alerts = new LifecycleFixture(CpuRule());
        alerts.Cpu(0.95, 0);

        alerts.Rules.Remove("cpu");

        Assert.Equal(AlertState.RESOLVED, Assert.Single(alerts.Tick(1)).state);
    }
}
