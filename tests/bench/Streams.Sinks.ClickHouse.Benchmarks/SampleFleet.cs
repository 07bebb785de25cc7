using io.streams.avro;

namespace Streams.Sinks.ClickHouse.Benchmarks;

/// <summary>
/// Samples shaped like a real fleet, since compression depends on it: every host reports every
/// metric each 10 s, values are random walks with the resolution agents send (ratios to 4
/// decimals, byte counters as integers).
/// </summary>
internal static class SampleFleet
{
    public static readonly string[] Metrics = ["cpu.user", "cpu.system", "mem.used", "disk.util", "net.rx.bytes", "load.1"];

    public static IEnumerable<MetricSample> Generate(int count, int hosts, DateTime start)
    {
        var random = new Random(42);
        var names = Enumerable.Range(0, hosts).Select(i => $"host-{i:D5}").ToArray();
        var tags = names.Select(h => new Dictionary<string, string> { ["dc"] = "eu-1", ["role"] = h.EndsWith('0') ? "db" : "web" }).ToArray();
        var levels = new double[hosts * Metrics.Length];
        for (var i = 0; i < levels.Length; i++)
        {
            levels[i] = random.NextDouble();
        }

        for (var i = 0; i < count; i++)
        {
            var series = i % levels.Length;
            var host = series / Metrics.Length;
            var metric = series % Metrics.Length;
            var round = i / levels.Length;
            levels[series] = Math.Clamp(levels[series] + ((random.NextDouble() - 0.5) * 0.02), 0, 1);
            var bytes = metric == 4;
            yield return new MetricSample
            {
                host = names[host],
                metric = Metrics[metric],
                value = bytes ? Math.Round(levels[series] * 125_000_000) : Math.Round(levels[series], 4),
                unit = bytes ? "bytes/s" : "ratio",
                kind = MetricKind.GAUGE,
                timestamp = start.AddSeconds(round * 10.0).AddMilliseconds(host % 1000),
                tags = tags[host],
                source = MetricSource.AGENT,
                intervalMs = 10_000,
                normalised = true,
            };
        }
    }
}
