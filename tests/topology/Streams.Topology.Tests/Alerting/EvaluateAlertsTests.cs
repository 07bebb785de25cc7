using System.Text;
using io.streams.avro;
using Streams.Alerting.Rules;
using Streams.Topology.Alerting;
using Streams.Topology.DeadLetters;

namespace Streams.Topology.Tests.Alerting;

public sealed class EvaluateAlertsTests
{
    private static AlertRule Rule(string id) => DefaultRules.All.Single(r => r.Id == id);

    [Fact]
    public void Evaluate_BusyCpuForFiveMinutes_PendingThenFiringKeyedByFingerprint()
    {
        using var harness = new AlertingHarness(Rule("cpu-saturated"));

        harness.Window("web-1", 0.99);
        var pending = Assert.Single(harness.Read());
        Assert.Equal(AlertState.PENDING, pending.state);

        for (var i = 0; i < 30; i++)
        {
            harness.Advance(TimeSpan.FromSeconds(10));
            harness.Window("web-1", 0.97);
        }

        var firing = Assert.Single(harness.Read());
        Assert.Equal(AlertState.FIRING, firing.state);
        Assert.Equal(pending.fingerprint, firing.fingerprint);
        Assert.Equal("web-1", firing.labels["host"]);
        Assert.Equal(Severity.MAJOR, firing.severity);
        Assert.Equal(AlertingHarness.T0, firing.startsAt);
    }

    [Fact]
    public void Evaluate_HostGoesSilent_HostDownFiresOnTheTimerAndMutesTheHostsAnomalyAlert()
    {
        using var harness = new AlertingHarness(Rule("host-down"), Rule("anomaly-sustained"));
        harness.Window("db-1", 0.3);
        harness.Anomaly("db-1", Severity.CRITICAL, 2);
        var anomalyAlert = Assert.Single(harness.Read());
        Assert.Equal((AlertState.FIRING, "anomaly-sustained", "db"), (anomalyAlert.state, anomalyAlert.ruleId, anomalyAlert.labels["role"]));
        Assert.Equal(["anomaly-2"], anomalyAlert.anomalyIds);
        Assert.Equal("disk.util 80%", anomalyAlert.annotations["contributors"]);

        harness.Advance(TimeSpan.FromSeconds(30));
        harness.Anomaly("db-1", Severity.CRITICAL, 3);
        harness.Advance(TimeSpan.FromSeconds(31));
        var changes = harness.Read();

        var down = Assert.Single(changes, a => a.ruleId == "host-down");
        Assert.Equal(AlertState.FIRING, down.state);
        var muted = Assert.Single(changes, a => a.ruleId == "anomaly-sustained");
        Assert.Equal((AlertState.SILENCED, down.fingerprint), (muted.state, muted.silenceId));
    }

    [Fact]
    public void Evaluate_AnomaliesStop_AlertResolvesAfterTheQuietPeriod()
    {
        using var harness = new AlertingHarness(Rule("anomaly-sustained"));
        harness.Anomaly("db-1", Severity.MAJOR, 2);
        Assert.Single(harness.Read());

        harness.Advance(TimeSpan.FromSeconds(119));
        Assert.Empty(harness.Read());
        harness.Advance(TimeSpan.FromSeconds(2));

        var resolved = Assert.Single(harness.Read());
        Assert.Equal(AlertState.RESOLVED, resolved.state);
    }

    [Fact]
    public void Evaluate_ForecastFillsWithinTheHorizon_FiresAndResolvesBeyondTheClear()
    {
        var rule = new AlertRule
        {
            Id = "fs-forecast", Name = "FilesystemFillsSoon", Kind = RuleKind.Forecast, Severity = Severity.WARNING,
            Forecast = new() { Metric = "fs.used.percent", Horizon = TimeSpan.FromHours(24), Clear = TimeSpan.FromHours(36) },
            Annotations = new Dictionary<string, string> { ["summary"] = "{{series}} on {{host}} fills in {{value}}" },
        };
        using var harness = new AlertingHarness(rule);

        harness.Forecast("db-1", 48);
        Assert.Empty(harness.Read());
        harness.Forecast("db-1", 20);
        var firing = Assert.Single(harness.Read());
        harness.Forecast("db-1", 30);
        Assert.Empty(harness.Read());
        harness.Forecast("db-1", null);
        var resolved = Assert.Single(harness.Read());

        Assert.Equal((AlertState.FIRING, "fs.used.percent{mount=/}"), (firing.state, firing.labels["series"]));
        Assert.Equal("fs.used.percent{mount=/} on db-1 fills in 20h", firing.annotations["summary"]);
        Assert.Equal(AlertState.RESOLVED, resolved.state);
    }

    [Fact]
    public void Evaluate_UndecodableAnomaly_GoesToDeadLetterAndTheStageGoesOn()
    {
        using var harness = new AlertingHarness(Rule("cpu-saturated") with { For = TimeSpan.Zero });

        harness.AnomaliesIn.PipeInput("db-1", [0, 0, 0, 0, 99, 1, 2, 3]);
        harness.Window("web-1", 0.99);

        var dead = Assert.Single(harness.DeadLetter.ReadKeyValueList());
        Assert.Equal(EvaluateAlerts.StageName, Encoding.UTF8.GetString(dead.Message.Headers.GetLastBytes(DeadLetterHeaders.Stage)));
        Assert.Equal(RejectReason.MalformedAvro, Encoding.UTF8.GetString(dead.Message.Headers.GetLastBytes(DeadLetterHeaders.Reason)));
        Assert.Equal([0, 0, 0, 0, 99, 1, 2, 3], dead.Message.Value);
        Assert.Equal(AlertState.FIRING, Assert.Single(harness.Read()).state);
    }

    [Fact]
    public void Evaluate_AnomalyCarryingATraceParent_AlertCarriesAChildSpanOfTheSameTrace()
    {
        // The listener hears every test's topologies running alongside, on their threads: only
        // this test's trace is counted.
        var spans = new System.Collections.Concurrent.ConcurrentQueue<System.Diagnostics.Activity>();
        using var listener = new System.Diagnostics.ActivityListener
        {
            ShouldListenTo = source => source.Name == "Streams.Topology",
            Sample = (ref System.Diagnostics.ActivityCreationOptions<System.Diagnostics.ActivityContext> _) => System.Diagnostics.ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Enqueue,
        };
        System.Diagnostics.ActivitySource.AddActivityListener(listener);
        using var harness = new AlertingHarness(Rule("anomaly-sustained"));
        var trace = System.Diagnostics.ActivityTraceId.CreateRandom();
        var parent = System.Diagnostics.ActivitySpanId.CreateRandom();

        harness.Anomaly("db-1", Severity.CRITICAL, 2, [new Confluent.Kafka.Header("traceparent", Encoding.ASCII.GetBytes($"00-{trace}-{parent}-01"))]);

        var alert = Assert.Single(harness.ReadMessages());
        var span = Assert.Single(spans, s => s.OperationName == EvaluateAlerts.StageName && s.TraceId == trace);
        Assert.Equal(parent, span.ParentSpanId);
        Assert.Equal($"00-{trace}-{span.SpanId}-01", Encoding.ASCII.GetString(alert.Headers.GetLastBytes("traceparent")));
    }
}
