using System.Diagnostics;
using ClickHouse.Driver;
using Confluent.Kafka;
using io.streams.avro;
using Streams.Sinks.ClickHouse.Consuming;
using Streams.Sinks.ClickHouse.Migrations;
using Streams.Sinks.ClickHouse.Rows;

namespace Streams.Sinks.ClickHouse.Benchmarks;

/// <summary>
/// BENCH_MODE=inserts: what one insert into metrics_raw costs with and without its rollup
/// views, by batch size and inserts in flight, each on a fresh copy of the tables.
/// </summary>
internal static class InsertExperiments
{
    public static async Task RunAsync(ClickHouseClient client, int samples, int hosts)
    {
        var mapper = new MetricSampleRows();
        var rows = new List<object[]>(samples);
        foreach (var sample in SampleFleet.Generate(samples, hosts, DateTime.UtcNow.AddHours(-2)))
        {
            mapper.AddRows(sample, rows);
        }

        var rollups = MigrationCatalogue.All.Single(m => m.Name == "003_metric_rollups").Statements();
        var chained = MigrationCatalogue.All.Single(m => m.Name == "009_metric_rollups_hour_from_minute").Statements();
        var variant = 0;
        // 003 made both views read metrics_raw; 009 chains the 1-hour one on metrics_1m.
        foreach (var (views, sql) in new[]
                 {
                     ("none", Array.Empty<string>()), ("1m only", rollups.Take(2).ToArray()),
                     ("1h from raw", [.. rollups]), ("1h chained", [.. rollups, .. chained]),
                 })
        {
            foreach (var (batch, parallel) in new[] { (4_000, 1), (50_000, 1) })
            {
                var name = $"exp{variant++}";
                await client.ExecuteNonQueryAsync($"CREATE TABLE {name}_raw AS metrics_raw");
                foreach (var statement in sql)
                {
                    await client.ExecuteNonQueryAsync(statement.Replace("metrics_", name + "_", StringComparison.Ordinal));
                }

                await MeasureAsync(client, new InsertOnlyMapper(mapper, name + "_raw"), rows, batch, parallel, $"views {views}");
            }
        }
    }

    private static async Task MeasureAsync(ClickHouseClient client, IRowMapper<MetricSample> mapper, List<object[]> rows, int batch, int parallel, string label)
    {
        var latencies = new List<double>();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, (rows.Count + batch - 1) / batch), new ParallelOptions { MaxDegreeOfParallelism = parallel },
            async (i, ct) =>
            {
                var offset = i * batch;
                var part = rows.GetRange(offset, Math.Min(batch, rows.Count - offset));
                var one = Stopwatch.StartNew();
                await BatchInsert.InsertAsync(client, mapper, new OffsetRange(new TopicPartition("exp", 0), offset, offset + part.Count - 1, 0), part, ct);
                lock (latencies)
                {
                    latencies.Add(one.Elapsed.TotalMilliseconds);
                }
            });
        var rate = rows.Count / clock.Elapsed.TotalSeconds;
        var cpuPerRow = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMicroseconds / rows.Count;
        latencies.Sort();
        Report.Line($"insert {label,-16} batch {batch,6:N0} x{parallel}: {rate,9:N0} rows/s; p50 {latencies[latencies.Count / 2],5:N0} ms, p99 {latencies[^1],5:N0} ms; CPU {cpuPerRow:N2} us/row (client and chDB)");
    }
}
