using io.streams.avro;
using Streams.Alerting.Lifecycle;
using Streams.Alerting.Rules;
using Streams.Alerting.Silences;

namespace Streams.Alerting.Tests.Lifecycle;

/// <summary>A lifecycle over a rule book, silences and acknowledgements the test fills, with times in seconds from 0.</summary>
internal sealed class LifecycleFixture
{
    public const string Host = "web-1";

    public LifecycleFixture(params AlertRule[] rules)
    {
        Rules = new RuleBook(rules);
        Lifecycle = new AlertLifecycle(new AlertingOptions(), Rules, Silences, Acks);
    }

    public RuleBook Rules { get; }

    public SilenceBook Silences { get; } = new();

    public AcknowledgementBook Acks { get; } = new();

    public AlertLifecycle Lifecycle { get; }

    public HostAlerts State { get; } = new();

    public static long At(double seconds) => 1_800_000_000_000 + (long)(seconds * 1000);

    public static AlertRule CpuRule(TimeSpan forDuration = default, TimeSpan? escalateAfter = null) => new()
    {
        Id = "cpu",
        Name = "CpuBusy",
        Kind = RuleKind.Threshold,
        Severity = Severity.WARNING,
        For = forDuration,
        EscalateAfter = escalateAfter,
        Threshold = new() { Metric = "cpu.util", Comparator = Comparator.Above, Value = 0.9, Clear = 0.8 },
        Annotations = new Dictionary<string, string> { ["summary"] = "CPU on {{host}} at {{value}}" },
    };

    public static AlertRule HostDownRule() => DefaultRules.All.Single(r => r.Id == "host-down");

    public IReadOnlyList<Alert> Cpu(double value, double seconds)
    {
        var rule = Rules.Find("cpu")!;
        var verdict = value > 0.9 ? Verdict.Match : value > 0.8 ? Verdict.Hold : Verdict.Clear;
        return Lifecycle.Observe(State, [new Observation(rule, new Dictionary<string, string> { ["host"] = Host, ["series"] = "cpu.util" }, verdict, value)], At(seconds));
    }

    public IReadOnlyList<Alert> Tick(double seconds) => Lifecycle.Tick(Host, State, At(seconds));
}
