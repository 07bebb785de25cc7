using System.Diagnostics;
using io.streams.avro;

namespace Streams.Alerting.Benchmarks;

/// <summary>
/// One measured anomaly: its host (the key that finds its alert and its webhook) and the moments
/// taken here, as Stopwatch timestamps, plus the wall clock the alert's updatedAt compares with.
/// </summary>
internal sealed class Probe(string host)
{
    public string Host { get; } = host;

    /// <summary>Just before ProduceAsync: the latency's start.</summary>
    public long Before { get; set; }

    public DateTime BeforeWall { get; set; }

    /// <summary>When the producer's delivery report came back (0 until then, -1 if it failed).</summary>
    public long Delivered { get; set; }

    /// <summary>The anomaly the scorer would write for a host in trouble, with its evidence.</summary>
    public static Anomaly Anomaly(string host, Severity severity, DateTime now)
    {
        var end = new DateTime(now.Ticks - (now.Ticks % (10 * TimeSpan.TicksPerSecond)), DateTimeKind.Utc);
        return new Anomaly
        {
            id = $"{host}-pca-host-{end.Ticks}-{Guid.NewGuid():N}",
            host = host,
            series = null,
            window = new TimeWindow { start = end.AddSeconds(-10), end = end },
            score = severity == Severity.INFO ? 1.1 : 3.2,
            threshold = 1.0,
            severity = severity,
            model = "pca-host",
            modelVersion = "bench-1",
            contributions =
            [
                new Contribution { series = "cpu.iowait", share = 0.55, value = 0.41, expected = 0.02 },
                new Contribution { series = "disk.util{device=sda}", share = 0.30, value = 0.98, expected = 0.15 },
                new Contribution { series = "load.1m", share = 0.10, value = 18, expected = 2 },
            ],
            consecutiveWindows = 1,
            tags = new Dictionary<string, string>(StringComparer.Ordinal) { ["role"] = "web", ["dc"] = "bench" },
            detectedAt = now,
        };
    }

    public static double Milliseconds(long from, long to) => Stopwatch.GetElapsedTime(from, to).TotalMilliseconds;
}
