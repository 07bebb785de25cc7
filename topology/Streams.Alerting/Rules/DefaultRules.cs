using io.streams.avro;

namespace Streams.Alerting.Rules;

/// <summary>
/// The rules a fresh <c>streams up</c> starts with, so it alerts on real problems before anyone
/// writes a rule: a host that went silent (which mutes that host's other alerts), saturated CPU,
/// a filling filesystem (and one forecast to fill within a day or a week), a disk forecast to be
/// failing within a day, memory exhaustion,
/// sustained anomalies and error bursts in logs. The
/// for-durations follow common practice (node_exporter's mixin uses 5-15 m) but stay short
/// enough to beat a 1-minute scrape-and-evaluate loop.
/// </summary>
public static class DefaultRules
{
    /// <summary>
    /// A forecast rule fires once two consecutive forecasts agree: the forecaster refits every series
    /// each hour, and a crossing that one refit shows and the next does not is noise. The alerting
    /// role's timer fires a pending alert as soon as the for-duration has passed, before the next
    /// forecast arrives, so 1 h would let one forecast fire; 2 h takes two at the default cadence.
    /// Measured (<c>streams eval forecast</c>, seed 1, no for-duration): 22 of the 50 alerts a
    /// day-horizon rule raised on CPU lasted one cycle.
    /// </summary>
    private static readonly TimeSpan ForecastFor = TimeSpan.FromHours(2);

    public static IReadOnlyList<AlertRule> All { get; } =
    [
        new()
        {
            Id = "host-down",
            Name = "HostDown",
            Kind = RuleKind.NoData,
            Severity = Severity.CRITICAL,
            NoData = new() { After = TimeSpan.FromMinutes(1) },
            InhibitsHost = true,
            EscalateAfter = TimeSpan.FromMinutes(15),
            Annotations = Summary("{{host}} has sent no metrics for a minute", "The host is down, partitioned, or its agent stopped. Its other alerts are muted while this one fires."),
        },
        new()
        {
            Id = "cpu-saturated",
            Name = "CpuSaturated",
            Kind = RuleKind.Threshold,
            Severity = Severity.MAJOR,
            For = TimeSpan.FromMinutes(5),
            Threshold = new() { Metric = "cpu.util", Statistic = WindowStatistic.Mean, Comparator = Comparator.Above, Value = 0.95, Clear = 0.85 },
            Annotations = Summary("CPU on {{host}} above 95% for 5 minutes ({{value}})", "Work queues up; latency rises. Clears below 85%."),
        },
        new()
        {
            Id = "filesystem-filling",
            Name = "FilesystemAlmostFull",
            Kind = RuleKind.Threshold,
            Severity = Severity.CRITICAL,
            For = TimeSpan.FromMinutes(2),
            Threshold = new() { Metric = "fs.used.percent", Statistic = WindowStatistic.Last, Comparator = Comparator.Above, Value = 0.92, Clear = 0.88 },
            Annotations = Summary("{{series}} on {{host}} is {{value}} full", "Writes will fail when it is full. Clears below 88%."),
        },
        // The forecaster's time to exhaustion, so a filling disk pages while there is time to act,
        // hours before filesystem-filling: within a day is critical, within the week a warning.
        Forecast("filesystem-full-in-a-day", "FilesystemFullWithinADay", Severity.CRITICAL, "fs.used.percent", TimeSpan.FromHours(24), TimeSpan.FromHours(36),
            Summary("{{series}} on {{host}} is forecast to be full in {{value}}", "The forecast of its usage reaches 100% within 24 hours. Clears once that is 36 hours away or more.")),
        Forecast("filesystem-full-in-a-week", "FilesystemFullWithinAWeek", Severity.WARNING, "fs.used.percent", TimeSpan.FromDays(7), clear: null,
            Summary("{{series}} on {{host}} is forecast to be full in {{value}}", "The forecast of its usage reaches 100% within 7 days: plan capacity. Clears once it no longer does.")),
        // Degrading hardware: the forecaster's disk.svc resource (limit 30 ms, a failing device)
        // reached within a day, with the day rule's hysteresis.
        Forecast("disk-failing-in-a-day", "DiskFailingWithinADay", Severity.CRITICAL, "disk.svc", TimeSpan.FromHours(24), TimeSpan.FromHours(36),
            Summary("{{series}} on {{host}} is forecast to take 30 ms per operation, as a failing device does, in {{value}}", "Its service time per I/O grows; a healthy disk stays well below. Move the data off and replace it. Clears once that is 36 hours away or more.")),
        new()
        {
            Id = "memory-exhausted",
            Name = "MemoryExhausted",
            Kind = RuleKind.Threshold,
            Severity = Severity.MAJOR,
            For = TimeSpan.FromMinutes(5),
            Threshold = new() { Metric = "mem.used.percent", Statistic = WindowStatistic.Mean, Comparator = Comparator.Above, Value = 0.95, Clear = 0.9 },
            Annotations = Summary("Memory on {{host}} above 95% for 5 minutes ({{value}})", "The OOM killer is next. Clears below 90%."),
        },
        new()
        {
            Id = "anomaly-sustained",
            Name = "HostAnomalous",
            Kind = RuleKind.Anomaly,
            Severity = Severity.MAJOR,
            Anomaly = new() { MinSeverity = Severity.MAJOR, MinConsecutiveWindows = 2, ResolveAfter = TimeSpan.FromMinutes(2) },
            EscalateAfter = TimeSpan.FromMinutes(30),
            Annotations = Summary("{{host}} behaves unlike its normal self (score {{value}})", "The scorer's models see a sustained deviation; the contributing metrics are in the anomaly."),
        },
        new()
        {
            Id = "log-errors",
            Name = "LogErrorBurst",
            Kind = RuleKind.Log,
            Severity = Severity.WARNING,
            Log = new() { MinSeverity = "ERROR", MinCount = 20 },
            Annotations = Summary("{{value}} error lines in one window from {{app}} on {{host}}", "An application logs errors at a high rate."),
        },
    ];

    private static AlertRule Forecast(string id, string name, Severity severity, string metric, TimeSpan horizon, TimeSpan? clear, Dictionary<string, string> annotations) => new()
    {
        Id = id,
        Name = name,
        Kind = RuleKind.Forecast,
        For = ForecastFor,
        Severity = severity,
        Forecast = new() { Metric = metric, Horizon = horizon, Bound = ForecastBound.Expected, Clear = clear },
        Annotations = annotations,
    };

    private static Dictionary<string, string> Summary(string summary, string description) => new(StringComparer.Ordinal)
    {
        ["summary"] = summary,
        ["description"] = description,
    };
}
