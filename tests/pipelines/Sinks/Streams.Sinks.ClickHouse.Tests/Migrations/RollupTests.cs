using System.Globalization;
using ClickHouse.Driver;
using Confluent.Kafka;
using io.streams.avro;
using Streams.Sinks.ClickHouse.Consuming;
using Streams.Sinks.ClickHouse.Rows;

namespace Streams.Sinks.ClickHouse.Tests.Migrations;

/// <summary>metrics_1h is filled from metrics_1m (a view chained on the 1-minute rollup): it must hold what aggregating metrics_raw by hour gives.</summary>
[Collection(SinkPlatformGroup.Name)]
public sealed class RollupTests(SinkPlatformFixture platform)
{
    private static readonly DateTime Start = new(2026, 11, 25, 9, 50, 0, DateTimeKind.Utc);

    [Fact]
    public async Task Insert_SamplesOverFiveHoursInTwoBatches_HourRollupEqualsRawAggregate()
    {
        var (_, client) = await platform.CreateDatabaseAsync();
        using var _ = client;
        var mapper = new MetricSampleRows();
        var random = new Random(7);
        var samples = Enumerable.Range(0, 4_000).Select(i => new MetricSample
        {
            host = $"host-{i % 4}",
            metric = i % 3 == 0 ? "cpu.user" : "mem.used",
            value = Math.Round(random.NextDouble() * 100, 2),
            unit = "ratio",
            timestamp = Start.AddSeconds(i * 3),
            tags = new Dictionary<string, string>(),
            forwardFilled = i % 50 == 0,
            intervalMs = 3_000,
        }).ToList();
        for (var part = 0; part < 2; part++)
        {
            var rows = new List<object[]>();
            samples.Skip(part * 2_000).Take(2_000).ToList().ForEach(s => mapper.AddRows(s, rows));
            await BatchInsert.InsertAsync(client, mapper, new OffsetRange(new TopicPartition("rollups", 0), part * 2_000, (part * 2_000) + 1_999, 0), rows,
                CancellationToken.None);
        }

        var fromRaw = await ReadAsync(client,
            "SELECT toStartOfHour(ts) AS hour, host, metric, count(), sum(value), min(value), max(value), quantileTDigest(0.5)(value) " +
            "FROM metrics_raw WHERE NOT gap AND NOT forward_filled AND isFinite(value) GROUP BY hour, host, metric ORDER BY hour, host, metric");
        var fromRollup = await ReadAsync(client,
            "SELECT hour, host, metric, sum(samples), sum(sum), min(min), max(max), quantilesTDigestMerge(0.5, 0.9, 0.99)(quantiles)[1] " +
            "FROM metrics_1h GROUP BY hour, host, metric ORDER BY hour, host, metric");

        Assert.Equal(5 * 4 * 2, fromRaw.Count); // 09:50 to 13:10: five hours, four hosts, two metrics
        Assert.Equal(fromRaw.Select(r => (r[0], r[1], r[2], r[3], r[5], r[6])), fromRollup.Select(r => (r[0], r[1], r[2], r[3], r[5], r[6])));
        for (var i = 0; i < fromRaw.Count; i++)
        {
            // Sums added in another order differ in the last bits; t-digest medians are
            // approximations (Float32), and merged states may differ slightly from one digest.
            Assert.Equal(Number(fromRaw[i][4]), Number(fromRollup[i][4]), 6);
            Assert.InRange(Number(fromRollup[i][7]), Number(fromRaw[i][7]) - 5, Number(fromRaw[i][7]) + 5);
        }

        Assert.Equal(await client.ExecuteScalarAsync("SELECT sum(samples) FROM metrics_1m"), await client.ExecuteScalarAsync("SELECT sum(samples) FROM metrics_1h"));
    }

    private static double Number(string text) => double.Parse(text, CultureInfo.InvariantCulture);

    private static async Task<List<string[]>> ReadAsync(ClickHouseClient client, string sql)
    {
        using var reader = await client.ExecuteReaderAsync(sql);
        var rows = new List<string[]>();
        while (await reader.ReadAsync())
        {
            rows.Add([.. Enumerable.Range(0, reader.FieldCount).Select(i => Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture)!)]);
        }

        return rows;
    }
}
