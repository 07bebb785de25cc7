using System.Diagnostics;
using System.Globalization;
using ClickHouse.Driver;
using ClickHouse.Driver.ADO.Parameters;
using Streams.Platform.ClickHouse;

// Measures the embedded ClickHouse through the unmodified ClickHouse.Driver over loopback HTTP:
// bulk insert rate, small-query latency (sequential and concurrent) and process memory.
// Usage: dotnet run -c Release -- [rows=1000000] [queries=2000] [connections=4] | --smoke (infra/test.sh: 20,000 rows, 50 queries, 2 connections)
if (args is ["--smoke"])
{
    args = ["20000", "50", "2"];
}

var rows = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1_000_000;
var queries = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 2_000;
var connections = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 4;
var dataPath = Path.Combine(Path.GetTempPath(), "streams-chdb-bench-" + Guid.NewGuid().ToString("N"));

try
{
    var started = Stopwatch.StartNew();
    await using var server = await EmbeddedClickHouseServer.StartAsync(
        new EmbeddedClickHouseOptions { Port = 0, DataPath = dataPath, Connections = connections });
    Report($"started chDB {server.Version} at {server.Url} in {started.ElapsedMilliseconds} ms, {connections} connections, RSS {Rss()} MiB");

    using var client = new ClickHouseClient(server.ConnectionString);
    await client.ExecuteNonQueryAsync(
        "CREATE TABLE metrics (ts DateTime64(3), host LowCardinality(String), metric LowCardinality(String), value Float64) " +
        "ENGINE = MergeTree ORDER BY (host, metric, ts)");

    var start = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    await InsertAsync(client, "driver defaults", Rows(start, rows), new InsertOptions());
    await InsertAsync(client, "2 parallel batches of 100k", Rows(start, rows),
        new InsertOptions { BatchSize = 100_000, MaxDegreeOfParallelism = 2 });

    if (Convert.ToInt64(await client.ExecuteScalarAsync("SELECT count() FROM metrics"), CultureInfo.InvariantCulture) is var stored && stored != 2L * rows)
    {
        throw new InvalidOperationException($"metrics holds {stored:N0} rows after inserting {2L * rows:N0}");
    }

    var aggregate = Stopwatch.StartNew();
    using (var reader = await client.ExecuteReaderAsync("SELECT host, metric, avg(value), max(ts) FROM metrics GROUP BY host, metric"))
    {
        var groups = 0;
        while (await reader.ReadAsync())
        {
            groups++;
        }

        Report($"aggregate over {2 * rows:N0} rows: {groups} groups in {aggregate.ElapsedMilliseconds} ms");
    }

    await SmallQueriesAsync(client, queries, 1);
    await SmallQueriesAsync(client, queries, 2);
    await SmallQueriesAsync(client, queries, connections);
    await SmallQueriesAsync(client, queries, connections * 2);
    Report($"RSS {Rss()} MiB, peak {Process.GetCurrentProcess().PeakWorkingSet64 >> 20} MiB");
}
finally
{
    if (Directory.Exists(dataPath))
    {
        Directory.Delete(dataPath, recursive: true);
    }
}

static async Task InsertAsync(ClickHouseClient client, string how, IEnumerable<object[]> rows, InsertOptions options)
{
    string[] columns = ["ts", "host", "metric", "value"];
    var clock = Stopwatch.StartNew();
    var written = await client.InsertBinaryAsync("metrics", columns, rows, options);
    clock.Stop();
    Report($"bulk insert (InsertBinaryAsync, {how}): {written:N0} rows in {clock.ElapsedMilliseconds} ms = {written / clock.Elapsed.TotalSeconds:N0} rows/s, RSS {Rss()} MiB");
}

static async Task SmallQueriesAsync(ClickHouseClient client, int count, int concurrency)
{
    var latencies = new double[count];
    var next = -1;
    var wall = Stopwatch.StartNew();
    await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
    {
        int i;
        while ((i = Interlocked.Increment(ref next)) < count)
        {
            var parameters = new ClickHouseParameterCollection
            {
                new ClickHouseDbParameter { ParameterName = "host", Value = $"host-{i % 100}" },
            };
            var one = Stopwatch.StartNew();
            await client.ExecuteScalarAsync("SELECT count() FROM metrics WHERE host = {host:String} AND metric = 'cpu'", parameters);
            latencies[i] = one.Elapsed.TotalMilliseconds;
        }
    }));
    wall.Stop();
    Array.Sort(latencies);
    Report($"small query x{count}, {concurrency} concurrent: p50 {Percentile(latencies, 0.50):F2} ms, p99 {Percentile(latencies, 0.99):F2} ms, {count / wall.Elapsed.TotalSeconds:N0} queries/s");
}

static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)(sorted.Length * p))];

static long Rss()
{
    using var process = Process.GetCurrentProcess();
    return process.WorkingSet64 >> 20;
}

static void Report(string line) => Console.WriteLine(line);

static IEnumerable<object[]> Rows(DateTime start, int count)
{
    string[] metrics = ["cpu", "mem", "disk", "net"];
    for (var i = 0; i < count; i++)
    {
        yield return [start.AddMilliseconds(i), $"host-{i % 100}", metrics[i % 4], (double)(i % 1000)];
    }
}
