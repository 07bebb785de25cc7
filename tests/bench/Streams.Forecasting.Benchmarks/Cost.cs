using System.Diagnostics;
using Streams.Forecaster;
using Streams.Forecaster.Cycle;

namespace Streams.Forecasting.Benchmarks;

/// <summary>
/// CPU per series of the forecaster's work without I/O: the model fit, the band, time to
/// exhaustion and the Avro record (ForecastCycle), on one thread; extrapolated to a fleet.
/// </summary>
internal static class Cost
{
    // The default resources on a typical host: 2 filesystems (used % and inodes each), memory, swap (+ swap.total read), CPU.
    private const int SeriesPerServer = 8;

    public static void Report(int perKind)
    {
        var random = new Random(1);
        var hosts = new List<IReadOnlyList<SeriesHistory>>();
        var metrics = new[] { "fs.used.percent{mount=/}", "fs.used.percent{mount=/var}", "fs.inodes.used.percent{mount=/}", "fs.inodes.used.percent{mount=/var}", "mem.used.percent", "swap.used", "swap.total", "cpu.util" };
        for (var h = 0; h < Math.Max(1, perKind * Series.Kinds.Count / SeriesPerServer); h++)
        {
            var host = $"host-{h:D5}";
            hosts.Add([.. metrics.Select((series, i) =>
            {
                var (_, truth, noise) = Series.Kinds[(h + i) % Series.Kinds.Count];
                var values = Series.Make(truth(random), noise, random, Series.History);

                // cpu.util is forecast as the role does, a share that saturates (both spaces fitted).
                var share = series == "cpu.util" ? values.Select(v => v / 100).ToArray() : values;
                return new SeriesHistory(host, series, series.Split('{')[0], new RegularSeries(Series.Start, TimeSpan.FromHours(1), share));
            })]);
        }

        // The synthetic series are in percent, so the limits are 100 here (the role's are ratios, 1), but for the CPU share.
        var options = new ForecasterOptions();
        foreach (var metric in new[] { "fs.used.percent", "fs.inodes.used.percent", "mem.used.percent" })
        {
            options.Resources.Add(new ForecastResourceOptions { Metric = metric, Limit = 100 });
        }

        options.Resources.Add(new ForecastResourceOptions { Metric = "cpu.util", Limit = 1, Saturates = true });

        options.Resources.Add(new ForecastResourceOptions { Metric = "swap.used", LimitMetric = "swap.total" });
        var cycle = new ForecastCycle(options);
        var now = Series.Start.AddDays(28);
        _ = cycle.ForecastHost(hosts[0], now).Count();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        var records = 0;
        foreach (var host in hosts)
        {
            records += cycle.ForecastHost(host, now).Count();
        }

        watch.Stop();
        var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        var series = hosts.Count * SeriesPerServer;
        var perSecond = series / watch.Elapsed.TotalSeconds;
        var perSeriesMs = cpuSeconds * 1000 / series;
        var fleetSeconds = 10_000.0 * SeriesPerServer * cpuSeconds / series;
        Console.WriteLine($"cost: {series} series of {hosts.Count} hosts ({records} forecasts, 672-point histories, 168-point horizon) in {watch.Elapsed.TotalSeconds:F2} s wall, {cpuSeconds:F2} s CPU");
        Console.WriteLine($"      {perSecond:F0} series/s on one thread, {perSeriesMs:F3} ms CPU per series");
        Console.WriteLine($"      10,000 servers x {SeriesPerServer} series: {fleetSeconds:F0} s CPU per cycle, {100 * fleetSeconds / 3600:F2}% of one core at the default 1 h cadence (reading series_1h not included)");
    }
}
