using Avro.Specific;
using ClickHouse.Driver;
using ClickHouse.Driver.ADO.Readers;
using Confluent.Kafka;
using io.streams.avro;
using Streams.Schemas.Serdes;
using Streams.Sinks.ClickHouse.Consuming;
using Streams.Sinks.ClickHouse.Rows;

namespace Streams.Sinks.ClickHouse.Tests.Rows;

/// <summary>Avro record → Confluent wire bytes → record → rows → ClickHouse → ClickHouse.Driver reader: every field comes back.</summary>
[Collection(SinkPlatformGroup.Name)]
public sealed class RowRoundTripTests(SinkPlatformFixture platform)
{
    private static readonly DateTime At = new(2026, 11, 25, 10, 11, 12, 345, DateTimeKind.Utc);

    [Fact]
    public async Task MetricSample_AllFields_ReadBackEqual()
    {
        var sample = new MetricSample
        {
            host = "db-1", metric = "disk.util", value = 0.125, rawValue = 12.5, unit = "ratio", kind = MetricKind.COUNTER, timestamp = At,
            tags = new Dictionary<string, string> { ["device"] = "sda", ["dc"] = "eu-1" }, source = MetricSource.AGENT, intervalMs = 10_000,
            gap = false, forwardFilled = true, normalised = true,
        };

        using var row = await RoundTripAsync(sample, new MetricSampleRows());

        Assert.Equal(At, row.GetDateTime(0).ToUniversalTime());
        Assert.Equal("db-1", row.GetString(1));
        Assert.Equal("disk.util", row.GetString(2));
        Assert.Equal(0.125, row.GetDouble(3));
        Assert.Equal(12.5, row.GetDouble(4));
        Assert.Equal("ratio", row.GetString(5));
        Assert.Equal("COUNTER", row.GetString(6));
        Assert.Equal(sample.tags, (IDictionary<string, string>)ToStringMap(row.GetValue(7)));
        Assert.Equal("AGENT", row.GetString(8));
        Assert.Equal(10_000u, row.GetFieldValue<uint>(9));
        Assert.False(row.GetBoolean(10));
        Assert.True(row.GetBoolean(11));
        Assert.True(row.GetBoolean(12));
    }

    [Fact]
    public async Task MetricSample_NullRawValue_ReadBackNull()
    {
        var sample = new MetricSample { host = "h", metric = "m", value = 1, timestamp = At, tags = new Dictionary<string, string>() };

        using var row = await RoundTripAsync(sample, new MetricSampleRows());

        Assert.True(row.IsDBNull(4));
    }

    [Fact]
    public async Task LogRecord_AllFields_ReadBackEqual()
    {
        var log = new LogRecord
        {
            host = "web-2", app = "nginx", severity = LogSeverity.ERROR, facility = 3, timestamp = At, receivedAt = At.AddMilliseconds(7),
            message = "upstream timed out (110: Connection timed out)", structuredData = new Dictionary<string, string> { ["upstream"] = "10.0.0.5" },
            procId = "1234", msgId = null, source = LogSource.SYSLOG_TCP, origin = "10.0.0.2:514", templateId = "t-42", parseError = false, rawLine = null,
        };

        using var row = await RoundTripAsync(log, new LogRecordRows());

        Assert.Equal(At, row.GetDateTime(0).ToUniversalTime());
        Assert.Equal(At.AddMilliseconds(7), row.GetDateTime(1).ToUniversalTime());
        Assert.Equal("web-2", row.GetString(2));
        Assert.Equal("nginx", row.GetString(3));
        Assert.Equal("ERROR", row.GetString(4));
        Assert.Equal((byte)3, row.GetFieldValue<byte>(5));
        Assert.Equal(log.message, row.GetString(6));
        Assert.Equal("t-42", row.GetString(7));
        Assert.Equal(log.structuredData, (IDictionary<string, string>)ToStringMap(row.GetValue(8)));
        Assert.Equal("1234", row.GetString(9));
        Assert.Equal(string.Empty, row.GetString(10));
        Assert.Equal("SYSLOG_TCP", row.GetString(11));
        Assert.Equal("10.0.0.2:514", row.GetString(12));
        Assert.False(row.GetBoolean(13));
        Assert.True(row.IsDBNull(14));
    }

    [Fact]
    public async Task Anomaly_ContributionsAndNulls_ReadBackEqual()
    {
        var anomaly = new Anomaly
        {
            id = "a-1", host = "db-1", series = null, window = new TimeWindow { start = At, end = At.AddMinutes(1) }, score = 7.5, threshold = 3,
            severity = Severity.MAJOR, model = "pca-host", modelVersion = "v3",
            contributions =
            [
                new Contribution { series = "cpu.user", share = 0.7, value = 0.95, expected = 0.2 },
                new Contribution { series = "load.1", share = 0.2, value = null, expected = null },
            ],
            consecutiveWindows = 2, tags = new Dictionary<string, string> { ["role"] = "db" }, detectedAt = At.AddMinutes(1).AddSeconds(2),
        };

        using var row = await RoundTripAsync(anomaly, new AnomalyRows());

        Assert.Equal("a-1", row.GetString(0));
        Assert.True(row.IsDBNull(2));
        Assert.Equal(At.AddMinutes(1), row.GetDateTime(4).ToUniversalTime());
        Assert.Equal(7.5, row.GetDouble(5));
        Assert.Equal("MAJOR", row.GetString(7));
        Assert.Equal(["cpu.user", "load.1"], row.GetFieldValue<string[]>(10));
        Assert.Equal([0.7, 0.2], row.GetFieldValue<double[]>(11));
        Assert.Equal([0.95, null], row.GetFieldValue<double?[]>(12));
        Assert.Equal(2u, row.GetFieldValue<uint>(14));
        Assert.Equal(At.AddMinutes(1).AddSeconds(2), row.GetDateTime(16).ToUniversalTime());
    }

    [Fact]
    public async Task Alert_AllFields_ReadBackEqual()
    {
        var alert = new Alert
        {
            fingerprint = "fp-1", ruleId = "cpu-high", ruleVersion = 4, state = AlertState.ACKNOWLEDGED, severity = Severity.CRITICAL,
            labels = new Dictionary<string, string> { ["host"] = "db-1" }, annotations = new Dictionary<string, string> { ["summary"] = "CPU high" },
            value = 0.97, startsAt = At, endsAt = null, updatedAt = At.AddMinutes(3), groupKey = "g", anomalyIds = ["a-1", "a-2"],
            acknowledgedBy = "alice", silenceId = null, escalationLevel = 1, flapping = true,
        };

        using var row = await RoundTripAsync(alert, new AlertRows());

        Assert.Equal("fp-1", row.GetString(0));
        Assert.Equal(4u, row.GetFieldValue<uint>(2));
        Assert.Equal("ACKNOWLEDGED", row.GetString(3));
        Assert.Equal(alert.annotations, (IDictionary<string, string>)ToStringMap(row.GetValue(6)));
        Assert.Equal(0.97, row.GetDouble(7));
        Assert.True(row.IsDBNull(9));
        Assert.Equal(At.AddMinutes(3), row.GetDateTime(10).ToUniversalTime());
        Assert.Equal(["a-1", "a-2"], row.GetFieldValue<string[]>(12));
        Assert.Equal("alice", row.GetString(13));
        Assert.True(row.IsDBNull(14));
        Assert.Equal((ushort)1, row.GetFieldValue<ushort>(15));
        Assert.True(row.GetBoolean(16));
    }

    [Fact]
    public async Task Notification_AllFields_ReadBackEqual()
    {
        var notification = new Notification
        {
            id = "n-1", alertFingerprint = "fp-1", alertState = AlertState.FIRING, severity = Severity.WARNING, channel = NotificationChannel.SLACK,
            recipient = "#ops", status = NotificationStatus.FAILED, attempt = 2, error = "429 Too Many Requests", createdAt = At,
            updatedAt = At.AddSeconds(5), sentAt = null, nextAttemptAt = At.AddSeconds(35),
        };

        using var row = await RoundTripAsync(notification, new NotificationRows());

        Assert.Equal("SLACK", row.GetString(4));
        Assert.Equal("FAILED", row.GetString(6));
        Assert.Equal((ushort)2, row.GetFieldValue<ushort>(7));
        Assert.Equal("429 Too Many Requests", row.GetString(8));
        Assert.True(row.IsDBNull(11));
        Assert.Equal(At.AddSeconds(35), row.GetDateTime(12).ToUniversalTime());
    }

    [Fact]
    public async Task MetricWindow_TwoSeries_TwoRows()
    {
        var window = new MetricWindow
        {
            host = "db-1", window = new TimeWindow { start = At, end = At.AddSeconds(60) }, windowSizeMs = 60_000,
            series =
            [
                new SeriesStats { series = "cpu.user", metric = "cpu.user", unit = "ratio", count = 6, min = 0.1, max = 0.9, mean = 0.5, stddev = 0.2, last = 0.4, p95 = 0.85 },
                new SeriesStats { series = "disk.util{device=sda}", metric = "disk.util", unit = "ratio", count = 6, min = 0, max = 1, mean = 0.3, stddev = 0.1, last = 0.2, p95 = 0.9, gaps = 1 },
            ],
            featureNames = [], features = [], present = [], lateSamples = 3, emittedAt = At.AddSeconds(61),
        };
        var (_, client) = await platform.CreateDatabaseAsync();
        using var _ = client;

        await InsertAsync(client, window, new MetricWindowRows());

        using var reader = await client.ExecuteReaderAsync("SELECT series, count, p95, gaps, late_samples, window_size_ms FROM metric_windows ORDER BY series");
        Assert.True(await reader.ReadAsync());
        Assert.Equal("cpu.user", reader.GetString(0));
        Assert.Equal(0.85, reader.GetDouble(2));
        Assert.True(await reader.ReadAsync());
        Assert.Equal("disk.util{device=sda}", reader.GetString(0));
        Assert.Equal(1u, reader.GetFieldValue<uint>(3));
        Assert.Equal(3u, reader.GetFieldValue<uint>(4));
        Assert.Equal(60_000u, reader.GetFieldValue<uint>(5));
        Assert.False(await reader.ReadAsync());
    }

    [Fact]
    public async Task Forecast_AllFields_ReadBackEqual()
    {
        var forecast = new Forecast
        {
            host = "db-1", series = "fs.used.percent{mount=/var}", metric = "fs.used.percent", tags = new Dictionary<string, string> { ["mount"] = "/var" },
            generatedAt = At, model = ForecastModel.HOLT_WINTERS, seasonSteps = 24, stepMs = 3_600_000, origin = At.AddHours(-1), lastValue = 91.5,
            coverage = 0.95, residualSigma = 0.4, limit = 100, direction = ExhaustionDirection.RISING, exhaustionExpected = At.AddHours(52),
            exhaustionEarliest = At.AddHours(44), exhaustionLatest = null,
            points = [new ForecastPoint { at = At, expected = 91.7, lower = 90.9, upper = 92.5 }, new ForecastPoint { at = At.AddHours(1), expected = 92, lower = 91, upper = 93 }],
        };

        using var row = await RoundTripAsync(forecast, new ForecastRows());

        Assert.Equal(At, row.GetDateTime(0).ToUniversalTime());
        Assert.Equal("fs.used.percent{mount=/var}", row.GetString(2));
        Assert.Equal(forecast.tags, (IDictionary<string, string>)ToStringMap(row.GetValue(4)));
        Assert.Equal("HOLT_WINTERS", row.GetString(5));
        Assert.Equal(24u, row.GetFieldValue<uint>(6));
        Assert.Equal(3_600_000u, row.GetFieldValue<uint>(7));
        Assert.Equal(100.0, row.GetDouble(12));
        Assert.Equal("RISING", row.GetString(13));
        Assert.Equal(At.AddHours(52), row.GetDateTime(14).ToUniversalTime());
        Assert.Equal(At.AddHours(44), row.GetDateTime(15).ToUniversalTime());
        Assert.True(row.IsDBNull(16));
        Assert.Equal([At, At.AddHours(1)], ((DateTime[])row.GetValue(17)).Select(t => t.ToUniversalTime()));
        Assert.Equal([91.7, 92.0], (double[])row.GetValue(18));
        Assert.Equal([90.9, 91.0], (double[])row.GetValue(19));
        Assert.Equal([92.5, 93.0], (double[])row.GetValue(20));
    }

    [Fact]
    public async Task MetricWindow_TwoWindowSizesTwoMounts_SeriesHourlyMeanPerMount()
    {
        // A 10 s and a 60 s window over the same samples: the hourly mean counts each size once.
        static MetricWindow Window(int sizeMs, double root, double var) => new()
        {
            host = "db-1", window = new TimeWindow { start = At, end = At.AddMilliseconds(sizeMs) }, windowSizeMs = sizeMs,
            series =
            [
                new SeriesStats { series = "fs.used.percent{mount=/}", metric = "fs.used.percent", unit = "percent", count = 6, min = root, max = root, mean = root, last = root, p95 = root },
                new SeriesStats { series = "fs.used.percent{mount=/var}", metric = "fs.used.percent", unit = "percent", count = 6, min = var, max = var, mean = var, last = var, p95 = var },
            ],
            featureNames = [], features = [], present = [],
        };
        var (_, client) = await platform.CreateDatabaseAsync();
        using var _ = client;

        await InsertAsync(client, Window(10_000, 40, 80), new MetricWindowRows());
        await InsertAsync(client, Window(60_000, 40, 80), new MetricWindowRows());

        using var reader = await client.ExecuteReaderAsync("SELECT series, sum(sum) / sum(samples), max(max) FROM series_1h GROUP BY series ORDER BY max(max)");
        Assert.True(await reader.ReadAsync());
        Assert.Equal("fs.used.percent{mount=/}", reader.GetString(0));
        Assert.Equal(40, reader.GetDouble(1), 9);
        Assert.True(await reader.ReadAsync());
        Assert.Equal("fs.used.percent{mount=/var}", reader.GetString(0));
        Assert.Equal(80, reader.GetDouble(1), 9);
        Assert.False(await reader.ReadAsync());
    }

    [Fact]
    public void AddRows_TimestampBeyondDateTime64_ThrowsInvalidData()
    {
        var sample = new MetricSample { host = "h", metric = "m", timestamp = new DateTime(2400, 1, 1, 0, 0, 0, DateTimeKind.Utc), tags = new Dictionary<string, string>() };

        Assert.Throws<InvalidDataException>(() => new MetricSampleRows().AddRows(sample, []));
    }

    private async Task<ClickHouseDataReader> RoundTripAsync<T>(T record, IRowMapper<T> mapper)
        where T : class, ISpecificRecord, new()
    {
        var (_, client) = await platform.CreateDatabaseAsync();
        await InsertAsync(client, record, mapper);
        var reader = await client.ExecuteReaderAsync($"SELECT {string.Join(", ", mapper.Columns)} FROM {mapper.Table}");
        Assert.True(await reader.ReadAsync());
        return reader;
    }

    private async Task InsertAsync<T>(ClickHouseClient client, T record, IRowMapper<T> mapper)
        where T : class, ISpecificRecord, new()
    {
        var context = new SerializationContext(MessageComponentType.Value, "roundtrip." + typeof(T).Name);
        var bytes = new AvroWireSerializer<T>(platform.RegistryClient).Serialize(record, context);
        var decoded = new AvroWireDeserializer<T>(platform.RegistryClient).Deserialize(bytes, false, context);
        var rows = new List<object[]>();
        mapper.AddRows(decoded, rows);
        await BatchInsert.InsertAsync(client, mapper, new OffsetRange(new TopicPartition(context.Topic, 0), 0, 0, 0), rows, CancellationToken.None);
    }

    private static Dictionary<string, string> ToStringMap(object value) =>
        new((IEnumerable<KeyValuePair<string, string>>)value);
}
