namespace Streams.Schemas.Topics;

/// <summary>
/// Every topic the platform creates and every stage reads or writes. Stages take names from
/// here rather than from string literals, so a rename is one change.
/// </summary>
public static class TopicCatalogue
{
    private const string AvroNamespace = "io.streams.avro.";

    // 12 partitions: enough parallelism for a 2-core box and a few scaled-out instances, and
    // spread enough that the embedded broker's ~5 MiB-per-partition retention holds minutes of
    // a 10,000-server fleet rather than seconds.
    private const int HighVolumePartitions = 12;
    private const int LowVolumePartitions = 3;

    public static readonly TopicSpec MetricsRaw = new(
        "metrics.raw", HighVolumePartitions, "host (string)", AvroNamespace + "MetricBatch (or " + AvroNamespace + "MetricSample)",
        CleanupPolicy.Delete, TimeSpan.FromDays(1),
        "One batch per host per collection pass as collectors publish them (host agent, Prometheus, Zabbix, Nagios, simulator, replay); third-party per-sample records accepted too.");

    public static readonly TopicSpec LogsRaw = new(
        "logs.raw", HighVolumePartitions, "host (string)", AvroNamespace + "LogRecord",
        CleanupPolicy.Delete, TimeSpan.FromDays(1),
        "Log lines from file tailing and syslog, parsed or flagged as unparsed.");

    public static readonly TopicSpec MetricsClean = new(
        "metrics.clean", HighVolumePartitions, "host (string)", AvroNamespace + "MetricBatch",
        CleanupPolicy.Delete, TimeSpan.FromDays(1),
        "Validated, unit-normalised batches with gaps marked, one per raw batch; written by NormalizeMetrics.");

    public static readonly TopicSpec MetricsWindows = new(
        "metrics.windows", HighVolumePartitions, "host (string)", AvroNamespace + "MetricWindow",
        CleanupPolicy.Delete, TimeSpan.FromDays(3),
        "Per-host event-time windows with per-series statistics; written by WindowMetrics, read by the scorer.");

    public static readonly TopicSpec LogsClean = new(
        "logs.clean", HighVolumePartitions, "host (string)", AvroNamespace + "LogRecord",
        CleanupPolicy.Delete, TimeSpan.FromDays(1),
        "Log lines with their template id (new templates flagged in structuredData); written by MineLogTemplates.");

    public static readonly TopicSpec LogsWindows = new(
        "logs.windows", HighVolumePartitions, "host (string)", AvroNamespace + "LogWindow",
        CleanupPolicy.Delete, TimeSpan.FromDays(3),
        "Per-host, per-application event-time windows with counts by severity and by template; written by WindowLogs.");

    public static readonly TopicSpec Anomalies = new(
        "anomalies", LowVolumePartitions, "host (string)", AvroNamespace + "Anomaly",
        CleanupPolicy.Delete, TimeSpan.FromDays(7),
        "Scored anomalies with their explanation; downstream systems subscribe here.");

    public static readonly TopicSpec Alerts = new(
        "alerts", LowVolumePartitions, "alert fingerprint (string)", AvroNamespace + "Alert",
        CleanupPolicy.Delete, TimeSpan.FromDays(30),
        "Every alert state change (pending, firing, resolved, acknowledged).");

    public static readonly TopicSpec Notifications = new(
        "notifications", LowVolumePartitions, "alert fingerprint (string)", AvroNamespace + "Notification",
        CleanupPolicy.Delete, TimeSpan.FromDays(30),
        "Notifications to deliver and their delivery outcomes.");

    // One partition: a handful of records a minute at most, and every API instance reads all of it.
    public static readonly TopicSpec DashboardNotifications = new(
        "notifications.dashboard", 1, "recipient (string)", AvroNamespace + "DashboardNotification",
        CleanupPolicy.Delete, TimeSpan.FromDays(1),
        "Notifications delivered over the dashboard channel; every API instance relays them to its live-feed clients.");
    public static readonly TopicSpec Forecasts = new(
        "forecasts", LowVolumePartitions, "host (string)", AvroNamespace + "Forecast",
        CleanupPolicy.Delete, TimeSpan.FromDays(7),
        "Forecasts of resource series with their band and time to exhaustion; written by the forecaster each cycle.");

    public static readonly TopicSpec DeadLetter = new(
        "deadletter", LowVolumePartitions, "source topic (string)", "original bytes; reason in headers",
        CleanupPolicy.Delete, TimeSpan.FromDays(14),
        "Records a stage could not process, with the reason, source topic, partition and offset in headers.");

    public static readonly TopicSpec Labels = new(
        "labels", 1, "host (string)", "incident label (JSON)",
        CleanupPolicy.Delete, TimeSpan.FromDays(30),
        "Ground-truth incident labels from the fleet simulator and dataset replays, for scoring detection end to end.");

    public static readonly TopicSpec AlertRules = new(
        "alert-rules", 1, "rule id (string)", "rule (JSON)",
        CleanupPolicy.Compact, null,
        "Alert rules, notification preferences and silences; read as a KTable by every instance.");

    public static readonly TopicSpec Models = new(
        "models", 1, "model name (string)", "model version announcement (JSON)",
        CleanupPolicy.Compact, null,
        "The current version of each trained model; scorers reload when it changes.");

    public static readonly TopicSpec ApiKeys = new(
        "api-keys", 1, "key id (string)", "API key record with the key's SHA-256, never the key (JSON)",
        CleanupPolicy.Compact, null,
        "The API's keys; every API instance reads it, a tombstone revokes a key everywhere.");

    public static readonly TopicSpec Schemas = new(
        "_schemas", 1, "registry key (JSON)", "registry value (JSON)",
        CleanupPolicy.Compact, null,
        "The embedded Schema Registry's store, in Confluent's key and value layout.");

    /// <summary>All topics, in pipeline order.</summary>
    public static IReadOnlyList<TopicSpec> All { get; } =
    [
        MetricsRaw, LogsRaw, MetricsClean, MetricsWindows, LogsClean, LogsWindows, Anomalies, Alerts,
        Notifications, DashboardNotifications, Forecasts, DeadLetter, Labels, AlertRules, Models, ApiKeys, Schemas,
    ];

    /// <summary>The spec of a catalogued topic, or null for any other name.</summary>
    public static TopicSpec? Find(string name) => All.FirstOrDefault(t => t.Name == name);
}
