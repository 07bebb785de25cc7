using System.Diagnostics;
using ClickHouse.Driver;
using Streams.Forecaster.Cycle;
using Streams.Forecaster.Data;
using Streams.Platform.ClickHouse;

namespace Streams.Forecasting.Benchmarks;

/// <summary>
/// The forecaster's read: hosts × 8 series × 28 days of hourly rows in series_1h (embedded
/// ClickHouse), read host by host as a cycle does; prints rows/s and the extrapolation to 10,000 servers.
/// </summary>
internal static class Read
{
    private const int SeriesPerHost = 8;

    public static async Task ReportAsync(int hosts)
    {
        var dataPath = Path.Combine(Path.GetTempPath(), "streams-forecast-read-" + Guid.NewGuid().ToString("N"));
        var server = await EmbeddedClickHouseServer.StartAsync(new EmbeddedClickHouseOptions { Port = 0, DataPath = dataPath });
        try
        {
            using (var client = new ClickHouseClient(server.ConnectionString + ";Compression=false"))
            {
                using var reader = new StreamReader(typeof(Read).Assembly.GetManifestResourceStream("series_1h.sql")!);
                var sql = string.Join('\n', (await reader.ReadToEndAsync()).Split('\n').Where(l => !l.TrimStart().StartsWith("--", StringComparison.Ordinal)));
                await client.ExecuteNonQueryAsync(sql.Split(';')[0]);
                var insert = Stopwatch.StartNew();
                await client.ExecuteNonQueryAsync(
                    "INSERT INTO series_1h SELECT toStartOfHour(now()) - toIntervalHour(672 - (number % 672)) AS hour, " +
                    "concat('host-', leftPad(toString(intDiv(number, 672 * 8)), 5, '0')) AS host, " +
                    "['fs.used.percent', 'fs.used.percent', 'fs.inodes.used.percent', 'fs.inodes.used.percent', 'mem.used.percent', 'swap.used', 'swap.total', 'cpu.util'][intDiv(number, 672) % 8 + 1] AS metric, " +
                    "concat(metric, ['{mount=/}', '{mount=/var}', '{mount=/}', '{mount=/var}', '', '', '', ''][intDiv(number, 672) % 8 + 1]) AS series, " +
                    "360 AS samples, 360 * (0.5 + 0.2 * sin(number / 3.82)) AS sum, 0 AS min, 1 AS max " +
                    $"FROM numbers({(long)hosts * SeriesPerHost * 672})");
                Console.WriteLine($"inserted {(long)hosts * SeriesPerHost * 672:N0} rows ({hosts} hosts x {SeriesPerHost} series x 672 hours) in {insert.Elapsed.TotalSeconds:F1} s");
            }

            using var source = new ClickHouseSeriesHistory(new Endpoint(server));
            var metrics = new ForecastCycle(new Streams.Forecaster.ForecasterOptions()).Metrics;
            var to = new DateTimeOffset(DateTime.UtcNow.Date.AddHours(DateTime.UtcNow.Hour), TimeSpan.Zero);
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            long series = 0, read = 0;
            await foreach (var host in source.ReadHostsAsync(metrics, to.AddDays(-28), to, string.Empty, CancellationToken.None))
            {
                read++;
                series += host.Count;
            }

            watch.Stop();
            var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
            var rows = series * 672;
            Console.WriteLine($"read {read} hosts, {series:N0} series, {rows:N0} rows in {watch.Elapsed.TotalSeconds:F1} s wall ({rows / watch.Elapsed.TotalSeconds:N0} rows/s), {cpuSeconds:F1} s CPU (client and embedded engine in this process)");
            Console.WriteLine($"10,000 servers: {watch.Elapsed.TotalSeconds * 10_000 / hosts:F0} s wall, {cpuSeconds * 10_000 / hosts:F0} s CPU per cycle ({100 * cpuSeconds * 10_000 / hosts / 3600:F1}% of one core at the 1 h cadence)");
        }
        finally
        {
            await server.DisposeAsync();
            Directory.Delete(dataPath, recursive: true);
        }
    }

    private sealed class Endpoint(EmbeddedClickHouseServer server) : IClickHouseEndpoint
    {
        public Uri Url => server.Url;

        public string ConnectionString => server.ConnectionString;

        public bool IsEmbedded => true;
    }
}
