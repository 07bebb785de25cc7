using Streams.Alerter;
using Streams.Api;
using Streams.Collectors.Agent;
using Streams.Collectors.Logs;
using Streams.Collectors.Nagios;
using Streams.Collectors.Prometheus;
using Streams.Collectors.Zabbix;
using Streams.Forecaster;
using Streams.Notifier;
using Streams.Processor;
using Streams.Scorer;
using Streams.Sinks.ClickHouse;

namespace Streams.Host.Hosting;

/// <summary>The roles this build of <c>streams</c> can run. <c>streams up</c> runs all of them.</summary>
internal static class RoleCatalogue
{
    public const string PlatformRole = "platform";
    public const string CollectorRole = "collector";
    public const string LogsRole = "logs";
    public const string PrometheusRole = "prometheus";
    public const string ZabbixRole = "zabbix";
    public const string NagiosRole = "nagios";
    public const string ProcessorRole = "processor";
    public const string SinkRole = "sink";
    public const string ScorerRole = "scorer";
    public const string AlertingRole = "alerting";
    public const string NotifierRole = "notifier";
    public const string ForecasterRole = "forecaster";
    public const string ApiRole = "api";

    public static IReadOnlyList<Role> All { get; } =
    [
        new(PlatformRole,
            "embedded Kafka, Schema Registry and ClickHouse, each unless its external endpoint is configured",
            (services, configuration) => services.AddPlatform(configuration),
            []),
        new(CollectorRole,
            "the host agent: this machine's /proc and /sys as metrics on metrics.raw, spooled to disk while Kafka is away",
            (services, configuration) => services.AddCollector(configuration),
            []),
        new(LogsRole,
            "log shipping: tailed files and syslog (RFC 3164/5424, UDP and TCP) as records on logs.raw",
            (services, configuration) => services.AddLogShipper(configuration),
            []),
        new(PrometheusRole,
            "Prometheus in: scrapes the configured targets (static and file_sd) and receives remote-write at POST /api/v1/write, into metrics.raw with labels kept",
            (services, configuration) => services.AddPrometheus(configuration),
            []),
        new(ZabbixRole,
            "Zabbix in: a trapper on port 10051 for zabbix_sender and active agents' pushes, items into metrics.raw",
            (services, configuration) => services.AddZabbix(configuration),
            []),
        new(NagiosRole,
            "Nagios in: passive check results at the NRDP endpoint /nrdp/, perfdata into metrics.raw, state changes into logs.raw",
            (services, configuration) => services.AddNagios(configuration),
            []),
        new(ProcessorRole,
            "Streamiz topologies: metrics.raw normalised to metrics.clean, windowed to metrics.windows; rejects to deadletter",
            (services, configuration) => services.AddProcessor(configuration),
            [ProcessorOptions.DefaultApplicationId]),
        new(ScorerRole,
            "Streamiz scoring: metrics.windows scored with each host's current model (hot-swapped from the models topic, or learned after a warm-up) to anomalies",
            (services, configuration) => services.AddScorer(configuration),
            [ScorerOptions.DefaultApplicationId]),
        new(AlertingRole,
            "Streamiz alert lifecycle: metrics.windows, anomalies and logs.windows judged by the rules in alert-rules (default rules seeded), pending/firing/resolved with silences, inhibition, acknowledgement, escalation and flap detection, to alerts",
            (services, configuration) => services.AddAlerter(configuration),
            [AlerterOptions.DefaultApplicationId]),
        new(NotifierRole,
            "alerts to people: grouped and routed by notification preferences to email, SMS, Slack, webhooks, Alertmanager, Web Push and the dashboard feed, each attempt audited on notifications; never twice",
            (services, configuration) => services.AddNotifier(configuration),
            [NotifierOptions.DefaultGroupId]),
        new(ForecasterRole,
            "forecasts: each host's resource series (filesystems, inodes, memory, swap, CPU) from the hourly rollups, Holt-Winters or a line with a band and the time to exhaustion, to forecasts every Forecaster:Cadence",
            (services, configuration) => services.AddForecaster(configuration),
            []),
        new(ApiRole,
            "the REST API under /api/ (API keys, roles viewer/operator/admin), the live WebSocket /api/live, OpenAPI at /openapi/v1.json with Scalar at /scalar, and the dashboard at /",
            (services, configuration) => services.AddApi(configuration),
            []),
        new(SinkRole,
            "Kafka topics into ClickHouse tables, exactly once in effect (migrations applied at start)",
            (services, configuration) => services.AddClickHouseSink(configuration),
            [SinkOptions.DefaultGroupId]),
    ];

    /// <summary>Parses a comma-separated role list.</summary>
    /// <exception cref="ArgumentException">An unknown role; the message lists the known ones.</exception>
    public static IReadOnlyList<Role> Parse(string list)
    {
        ArgumentNullException.ThrowIfNull(list);
        var names = list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (names.Length == 0)
        {
            throw new ArgumentException($"--roles needs at least one role; this build has: {Names()}.");
        }

        return names
            .Select(name => All.FirstOrDefault(r => string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase))
                ?? throw new ArgumentException($"Unknown role '{name}'; this build has: {Names()}."))
            .Distinct()
            // Registration order is start order: the platform comes up before any stage that uses it.
            .OrderBy(r => All.ToList().IndexOf(r))
            .ToList();
    }

    public static string Names() => string.Join(", ", All.Select(r => r.Name));
}
