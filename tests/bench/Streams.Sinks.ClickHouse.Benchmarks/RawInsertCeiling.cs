using System.Diagnostics;
using ClickHouse.Driver;
using Confluent.Kafka;
using Streams.Sinks.ClickHouse.Consuming;
using Streams.Sinks.ClickHouse.Migrations;
using Streams.Sinks.ClickHouse.RowBinary;

namespace Streams.Sinks.ClickHouse.Benchmarks;

/// <summary>
/// How far chDB itself goes: RowBinary already made (the sink's own work taken out), inserted
/// into fresh copies of metrics_raw without and with the rollup views, one or two inserts in
/// flight. The process CPU per row is then the endpoint's and chDB's alone.
/// </summary>
internal static class RawInsertCeiling
{
    public static async Task RunAsync(ClickHouseClient client, IReadOnlyList<string> columns, List<RowBinaryBuffer> chunks, int rows, int batchRows)
    {
        var rollups = MigrationCatalogue.All.Single(m => m.Name == "003_metric_rollups").Statements();
        var chained = MigrationCatalogue.All.Single(m => m.Name == "009_metric_rollups_hour_from_minute").Statements();
        var perBatch = Math.Max(1, batchRows / Math.Max(1, chunks[0].Rows));
        var batches = chunks.Chunk(perBatch).ToList();
        var variant = 0;
        foreach (var (views, sql) in new[] { ("none", Array.Empty<string>()), ("1m + 1h chained", [.. rollups, .. chained]) })
        {
            foreach (var parallel in new[] { 1, 2 })
            {
                var name = $"ceiling{variant++}";
                await client.ExecuteNonQueryAsync($"CREATE TABLE {name}_raw AS metrics_raw");
                foreach (var statement in sql)
                {
                    await client.ExecuteNonQueryAsync(statement.Replace("metrics_", name + "_", StringComparison.Ordinal));
                }

                var latencies = new List<double>();
                var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                var clock = Stopwatch.StartNew();
                await Parallel.ForEachAsync(batches.Select((b, i) => (b, i)), new ParallelOptions { MaxDegreeOfParallelism = parallel }, async (batch, ct) =>
                {
                    var one = Stopwatch.StartNew();
                    var range = new OffsetRange(new TopicPartition(name, 0), batch.i, batch.i, 0);
                    await BatchInsert.InsertRowBinaryAsync(client, name + "_raw", columns, range, batch.b, compress: false, ct);
                    lock (latencies)
                    {
                        latencies.Add(one.Elapsed.TotalMilliseconds);
                    }
                });
                var elapsed = clock.Elapsed.TotalSeconds;
                var cpuPerRow = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMicroseconds / rows;
                latencies.Sort();
                Report.Line($"chDB ceiling, RowBinary insert, views {views,-15} x{parallel}: {rows / elapsed,9:N0} rows/s; p50 {latencies[latencies.Count / 2],5:N0} ms, p99 {latencies[^1],5:N0} ms per ~{batchRows:N0} rows; CPU {cpuPerRow:N2} us/row (endpoint and chDB)");
            }
        }
    }
}
