using Avro.Specific;
using io.streams.avro;

namespace Streams.Schemas.Tests;

/// <summary>Records filled the way the pipeline fills them, every optional field set.</summary>
internal static class SampleRecords
{
    private static readonly DateTime T0 = new(2026, 11, 25, 9, 30, 0, 123, DateTimeKind.Utc);

    public static TheoryData<string> Names => [.. All.Keys];

    public static IReadOnlyDictionary<string, ISpecificRecord> All { get; } = new Dictionary<string, ISpecificRecord>
    {
        ["MetricSample"] = new MetricSample
        {
            host = "db-eu1-07",
            metric = "cpu.user",
            value = 0.873,
            rawValue = 87.3,
            unit = "ratio",
            kind = MetricKind.GAUGE,
            timestamp = T0,
            tags = new Dictionary<string, string> { ["mode"] = "user", ["role"] = "db", ["dc"] = "eu-1" },
            source = MetricSource.AGENT,
            intervalMs = 10_000,
            gap = false,
            forwardFilled = true,
            normalised = true,
        },
        ["MetricBatch"] = new MetricBatch
        {
            host = "db-eu1-07",
            timestamp = T0,
            source = MetricSource.SIMULATOR,
            intervalMs = 10_000,
            tags = new Dictionary<string, string> { ["role"] = "db", ["dc"] = "eu-1" },
            points =
            [
                new MetricPoint { metric = "cpu.user", value = 0.873, rawValue = 87.3, unit = "ratio", kind = MetricKind.GAUGE, tags = new Dictionary<string, string> { ["mode"] = "user" } },
                new MetricPoint { metric = "net.rx.bytes", value = double.NaN, unit = "bytes/s", kind = MetricKind.RATE, tags = new Dictionary<string, string> { ["interface"] = "eth0" }, timestamp = T0.AddSeconds(-10), gap = true },
                new MetricPoint { metric = "mem.used", value = 4096, unit = "bytes", kind = MetricKind.GAUGE, timestamp = T0.AddSeconds(-20), forwardFilled = true },
            ],
            normalised = true,
        },
        ["LogRecord"] = new LogRecord
        {
            host = "web-03",
            app = "sshd",
            severity = LogSeverity.WARNING,
            facility = 4,
            timestamp = T0,
            receivedAt = T0.AddMilliseconds(35),
            message = "Failed password for invalid user admin from 203.0.113.9 port 52144 ssh2",
            structuredData = new Dictionary<string, string> { ["timeQuality.tzKnown"] = "1", ["origin.ip"] = "10.0.0.3" },
            procId = "4121",
            msgId = "AUTHFAIL",
            source = LogSource.SYSLOG_TCP,
            origin = "10.0.0.3:51514",
            templateId = "t-5f3a",
            parseError = false,
            rawLine = "<38>1 2026-11-25T09:30:00.123Z web-03 sshd 4121 AUTHFAIL [timeQuality tzKnown=\"1\"] Failed password",
        },
        ["MetricWindow"] = new MetricWindow
        {
            host = "db-eu1-07",
            window = new TimeWindow { start = T0, end = T0.AddSeconds(10) },
            windowSizeMs = 10_000,
            series =
            [
                new SeriesStats { series = "cpu.user", metric = "cpu.user", unit = "ratio", count = 10, min = 0.41, max = 0.97, mean = 0.73, stddev = 0.12, last = 0.88, p95 = 0.95, forwardFilled = 1, gaps = 0 },
                new SeriesStats { series = "disk.util{device=sda}", metric = "disk.util", unit = "ratio", count = 9, min = 0.02, max = 0.31, mean = 0.11, stddev = 0.07, last = 0.05, p95 = 0.29, forwardFilled = 0, gaps = 1 },
            ],
            featureNames = ["cpu.user", "disk.util{device=sda}", "net.rx.bytes{interface=eth0}"],
            features = [0.73, 0.11, 0.0],
            present = [true, true, false],
            lateSamples = 2,
            emittedAt = T0.AddSeconds(15),
        },
        ["LogWindow"] = new LogWindow
        {
            host = "web-03",
            app = "sshd",
            window = new TimeWindow { start = T0, end = T0.AddMinutes(1) },
            windowSizeMs = 60_000,
            severityCounts = new Dictionary<string, int> { ["WARNING"] = 41, ["INFO"] = 7 },
            total = 48,
            parseErrors = 1,
            templates =
            [
                new LogTemplateCount { templateId = "5f3a9c0e1d2b4a68", template = "Failed password for invalid user <*> from <*> port <*> ssh2", count = 41, isNew = true },
                new LogTemplateCount { templateId = "0b7e44d1c9a2f310", template = "Accepted publickey for <*> from <*> port <*> ssh2", count = 7, isNew = false },
            ],
            lateRecords = 2,
            droppedLateRecords = 1,
            emittedAt = T0.AddSeconds(70),
        },
        ["Anomaly"] = new Anomaly
        {
            id = "an-db-eu1-07-pca-host-1795080600123",
            host = "db-eu1-07",
            series = null,
            window = new TimeWindow { start = T0, end = T0.AddMinutes(1) },
            score = 7.42,
            threshold = 3.1,
            severity = Severity.MAJOR,
            model = "pca-host",
            modelVersion = "2026.11.24-3",
            contributions =
            [
                new Contribution { series = "cpu.user", share = 0.62, value = 0.97, expected = 0.35 },
                new Contribution { series = "tcp.retransmits", share = 0.21, value = 140, expected = null },
            ],
            consecutiveWindows = 3,
            tags = new Dictionary<string, string> { ["role"] = "db" },
            detectedAt = T0.AddSeconds(61),
        },
        ["Alert"] = new Alert
        {
            fingerprint = "9f86d081884c7d65",
            ruleId = "anomaly-host-major",
            ruleVersion = 4,
            state = AlertState.ACKNOWLEDGED,
            severity = Severity.CRITICAL,
            labels = new Dictionary<string, string> { ["host"] = "db-eu1-07", ["alertname"] = "HostAnomaly" },
            annotations = new Dictionary<string, string> { ["summary"] = "db-eu1-07 behaves unlike itself", ["runbook_url"] = "https://runbooks.example/host-anomaly" },
            value = 7.42,
            startsAt = T0,
            endsAt = T0.AddMinutes(12),
            updatedAt = T0.AddMinutes(3),
            groupKey = "{}:{host=\"db-eu1-07\"}",
            anomalyIds = ["an-db-eu1-07-pca-host-1795080600123"],
            acknowledgedBy = "alice@example.org",
            silenceId = "maintenance-42",
            escalationLevel = 1,
            flapping = true,
        },
        ["Notification"] = new Notification
        {
            id = "n-9f86d081884c7d65-FIRING-EMAIL-alice",
            alertFingerprint = "9f86d081884c7d65",
            alertState = AlertState.FIRING,
            severity = Severity.CRITICAL,
            channel = NotificationChannel.EMAIL,
            recipient = "alice@example.org",
            status = NotificationStatus.FAILED,
            attempt = 2,
            error = "SMTP 451 4.7.1 try again later",
            createdAt = T0,
            updatedAt = T0.AddSeconds(4),
            sentAt = T0.AddSeconds(2),
            nextAttemptAt = T0.AddSeconds(8),
        },
        ["DashboardNotification"] = new DashboardNotification
        {
            recipient = "db-team",
            alertState = AlertState.RESOLVED,
            severity = Severity.CRITICAL,
            title = "[RESOLVED:1] DiskFull db-eu1-07 (CRITICAL)",
            text = "disk / on db-eu1-07 is below 80 % again",
            groupKey = "{}:{host=\"db-eu1-07\"}",
            alertFingerprints = ["9f86d081884c7d65"],
            sentAt = T0.AddMinutes(9),
        },
        ["Forecast"] = new Forecast
        {
            host = "db-eu1-07",
            series = "fs.used.percent{mount=/var}",
            metric = "fs.used.percent",
            tags = new Dictionary<string, string> { ["mount"] = "/var" },
            generatedAt = T0,
            model = ForecastModel.HOLT_WINTERS,
            seasonSteps = 24,
            stepMs = 3_600_000,
            origin = T0.AddHours(-1),
            lastValue = 91.5,
            coverage = 0.95,
            residualSigma = 0.4,
            limit = 100,
            direction = ExhaustionDirection.RISING,
            exhaustionExpected = T0.AddHours(52),
            exhaustionEarliest = T0.AddHours(44),
            exhaustionLatest = T0.AddHours(59),
            points = [new ForecastPoint { at = T0, expected = 91.7, lower = 90.9, upper = 92.5 }],
        },
    };
}
