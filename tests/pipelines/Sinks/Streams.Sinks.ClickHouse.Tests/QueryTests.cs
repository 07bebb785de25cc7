using ClickHouse.Driver;
using Confluent.Kafka;
using io.streams.avro;
using Streams.Sinks.ClickHouse.Consuming;
using Streams.Sinks.ClickHouse.Rows;

namespace Streams.Sinks.ClickHouse.Tests;

/// <summary>The ready-made queries of infra/clickhouse/queries run against the migrated schema and answer what they promise.</summary>
[Collection(SinkPlatformGroup.Name)]
public sealed class QueryTests(SinkPlatformFixture platform)
{
    private static readonly DateTime Now = DateTime.UtcNow.AddMinutes(-30);
    private static readonly string[] NotificationIds = ["n1", "n2"];

    [Fact]
    public async Task TopAnomalousHosts_TwoHosts_MostAnomalousFirst()
    {
        using var client = await SeededAsync();

        var rows = await RunAsync(client, "top_anomalous_hosts_last_hour");

        Assert.Equal("db-1", rows[0]["host"]);
        Assert.Equal(2UL, rows[0]["anomalies"]);
        Assert.Equal("web-1", rows[1]["host"]);
    }

    [Fact]
    public async Task PerHostMinutePercentiles_SixtySamples_OneMinuteWithPercentiles()
    {
        using var client = await SeededAsync();

        var rows = await RunAsync(client, "per_host_minute_percentiles");

        var minute = Assert.Single(rows);
        Assert.Equal(60UL, minute["sample_count"]);
        Assert.Equal(0.0, minute["min_value"]);
        Assert.Equal(59.0, minute["max_value"]);
        // t-digest quantiles are Float32 approximations.
        Assert.InRange(Convert.ToDouble(minute["p50"], System.Globalization.CultureInfo.InvariantCulture), 28, 31);
    }

    [Fact]
    public async Task AnomaliesWithLogs_LogsInsideAndOutsideWindow_OnlyNearbyLines()
    {
        using var client = await SeededAsync();

        var rows = await RunAsync(client, "anomalies_with_logs");

        Assert.Contains(rows, r => (string)r["message"]! == "disk I/O error on sda");
        Assert.DoesNotContain(rows, r => (string)r["message"]! == "an hour later");
    }

    [Fact]
    public async Task AlertMttaMttr_OneEpisode_FiveAndTwentyMinutes()
    {
        using var client = await SeededAsync();

        var rows = await RunAsync(client, "alert_mtta_mttr");

        var rule = Assert.Single(rows);
        Assert.Equal("disk-errors", rule["rule_id"]);
        Assert.Equal(5.0, rule["mtta_minutes"]);
        Assert.Equal(20.0, rule["mttr_minutes"]);
    }

    [Fact]
    public async Task NoisiestRules_OneRule_FiringsAndNotificationsCounted()
    {
        using var client = await SeededAsync();

        var rows = await RunAsync(client, "noisiest_rules");

        var rule = Assert.Single(rows);
        Assert.Equal(1UL, rule["firings"]);
        Assert.Equal(2UL, rule["notifications"]);
    }

    [Fact]
    public async Task Capacity_ThreeForecasts_LatestPerSeriesSoonestFirst()
    {
        var (_, client) = await platform.CreateDatabaseAsync();
        using var _ = client;
        var now = DateTime.UtcNow;
        Forecast Of(string host, string series, DateTime generatedAt, double? hoursLeft) => new()
        {
            host = host, series = series, metric = series.Split('{')[0], tags = new Dictionary<string, string>(), generatedAt = generatedAt, model = ForecastModel.LINEAR,
            stepMs = 3_600_000, origin = generatedAt, lastValue = 90, coverage = 0.95, limit = 100, direction = ExhaustionDirection.RISING,
            exhaustionExpected = hoursLeft is { } h ? now.AddHours(h) : null, points = [],
        };
        await InsertAsync(client, new ForecastRows(),
        [
            Of("db-1", "fs.used.percent{mount=/}", now.AddHours(-2), 1),
            Of("db-1", "fs.used.percent{mount=/}", now, 30),
            Of("db-1", "mem.used.percent", now, null),
            Of("web-1", "fs.used.percent{mount=/}", now, 5),
            Of("old-1", "fs.used.percent{mount=/}", now.AddDays(-3), 1),
        ]);

        var rows = await RunAsync(client, "capacity");

        Assert.Equal(["web-1 fs.used.percent{mount=/}", "db-1 fs.used.percent{mount=/}", "db-1 mem.used.percent"], rows.Select(r => $"{r["host"]} {r["series"]}"));
        Assert.InRange(Convert.ToDouble(rows[0]["hours_left"], System.Globalization.CultureInfo.InvariantCulture), 4.8, 5.0);
        Assert.Null(rows[2]["hours_left"]);
    }

    private async Task<ClickHouseClient> SeededAsync()
    {
        var (_, client) = await platform.CreateDatabaseAsync();
        var minute = new DateTime(Now.Year, Now.Month, Now.Day, Now.Hour, Now.Minute, 0, DateTimeKind.Utc);
        await InsertAsync(client, new MetricSampleRows(), Enumerable.Range(0, 60).Select(i => new MetricSample
        {
            host = "db-1", metric = "disk.util", value = i, timestamp = minute.AddSeconds(i), tags = new Dictionary<string, string>(),
        }));
        await InsertAsync(client, new AnomalyRows(), new[] { ("a1", "db-1", 0), ("a2", "db-1", 1), ("a3", "web-1", 0) }.Select(a => new Anomaly
        {
            id = a.Item1, host = a.Item2, window = new TimeWindow { start = minute.AddMinutes(a.Item3), end = minute.AddMinutes(a.Item3 + 1) },
            score = 5, threshold = 2, severity = Severity.MAJOR, model = "pca-host", contributions = [new Contribution { series = "disk.util", share = 1 }],
            tags = new Dictionary<string, string>(), detectedAt = minute.AddMinutes(a.Item3 + 1),
        }));
        await InsertAsync(client, new LogRecordRows(), new[] { ("disk I/O error on sda", 30), ("an hour later", 3600) }.Select(l => new LogRecord
        {
            host = "db-1", severity = LogSeverity.ERROR, timestamp = minute.AddSeconds(l.Item2), message = l.Item1, structuredData = new Dictionary<string, string>(),
        }));
        await InsertAsync(client, new AlertRows(), new[] { (AlertState.FIRING, 0), (AlertState.ACKNOWLEDGED, 5), (AlertState.RESOLVED, 20) }.Select(s => new Alert
        {
            fingerprint = "fp-1", ruleId = "disk-errors", state = s.Item1, severity = Severity.MAJOR, labels = new Dictionary<string, string>(),
            annotations = new Dictionary<string, string>(), startsAt = minute, updatedAt = minute.AddMinutes(s.Item2),
            endsAt = s.Item1 == AlertState.RESOLVED ? minute.AddMinutes(s.Item2) : null, acknowledgedBy = s.Item1 == AlertState.FIRING ? null : "alice", anomalyIds = [],
        }));
        await InsertAsync(client, new NotificationRows(), NotificationIds.Select(id => new Notification
        {
            id = id, alertFingerprint = "fp-1", alertState = AlertState.FIRING, channel = NotificationChannel.EMAIL, recipient = "ops@example.com",
            status = NotificationStatus.SENT, createdAt = minute, updatedAt = minute,
        }));
        return client;
    }

    private static async Task InsertAsync<T>(ClickHouseClient client, IRowMapper<T> mapper, IEnumerable<T> records)
    {
        var rows = new List<object[]>();
        foreach (var record in records)
        {
            mapper.AddRows(record, rows);
        }

        await BatchInsert.InsertAsync(client, mapper, new OffsetRange(new TopicPartition(mapper.Table, 0), 0, rows.Count - 1, 0), rows, CancellationToken.None);
    }

    private static async Task<List<Dictionary<string, object?>>> RunAsync(ClickHouseClient client, string query)
    {
        using var stream = typeof(QueryTests).Assembly.GetManifestResourceStream($"queries.{query}.sql")
            ?? throw new InvalidOperationException($"infra/clickhouse/queries/{query}.sql is not embedded.");
        using var text = new StreamReader(stream);
        using var reader = await client.ExecuteReaderAsync(await text.ReadToEndAsync());
        var rows = new List<Dictionary<string, object?>>();
        while (await reader.ReadAsync())
        {
            rows.Add(Enumerable.Range(0, reader.FieldCount).ToDictionary(reader.GetName, i => reader.IsDBNull(i) ? null : reader.GetValue(i)));
        }

        return rows;
    }
}
