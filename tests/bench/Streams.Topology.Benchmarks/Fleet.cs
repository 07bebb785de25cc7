using io.streams.avro;

namespace Streams.Topology.Benchmarks;

/// <summary>A synthetic fleet: every host reports the same series once per second.</summary>
internal sealed class Fleet(int hosts, int seriesPerHost)
{
    private static readonly string[] Metrics = ["cpu.user", "cpu.system", "mem.used", "disk.util", "net.rx.bytes", "load.1m", "disk.latency", "net.tx.bytes", "mem.cached", "cpu.iowait"];
    private static readonly string[] Units = ["percent", "percent", "bytes", "percent", "bytes", "", "ms", "bytes", "bytes", "percent"];

    public int Hosts => hosts;

    public int SeriesPerHost => seriesPerHost;

    /// <summary>One batch per host, as our collectors publish a pass: the points of <see cref="Tick"/>.</summary>
    public IEnumerable<MetricBatch> Batches(DateTime at, int second) =>
        Tick(at, second).GroupBy(s => s.host).Select(g => new MetricBatch
        {
            host = g.Key,
            timestamp = at,
            source = MetricSource.SIMULATOR,
            intervalMs = 1000,
            points = [.. g.Select(s => new MetricPoint { metric = s.metric, value = s.value, unit = s.unit, kind = s.kind, tags = s.tags })],
        });

    /// <summary>One sample of every series of every host, stamped <paramref name="at"/>; counters on net.*.</summary>
    public IEnumerable<MetricSample> Tick(DateTime at, int second)
    {
        for (var h = 0; h < hosts; h++)
        {
            var host = $"host-{h:D5}";
            for (var s = 0; s < seriesPerHost; s++)
            {
                var metric = Metrics[s % Metrics.Length];
                var counter = metric.StartsWith("net.", StringComparison.Ordinal);
                yield return new MetricSample
                {
                    host = host,
                    metric = metric,
                    value = counter ? 1_000_000 + (second * 12_345.0) : 20 + ((h + s + second) % 50),
                    unit = Units[s % Units.Length],
                    kind = counter ? MetricKind.COUNTER : MetricKind.GAUGE,
                    timestamp = at,
                    tags = new Dictionary<string, string> { ["instance"] = (s / Metrics.Length).ToString(System.Globalization.CultureInfo.InvariantCulture) },
                    source = MetricSource.SIMULATOR,
                    intervalMs = 1000,
                };
            }
        }
    }
}
