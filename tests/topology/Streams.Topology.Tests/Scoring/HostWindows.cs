using io.streams.avro;

namespace Streams.Topology.Tests.Scoring;

/// <summary>
/// Windows of a host-like workload: four metrics driven by two latent loads plus noise. Shared
/// with the scorer role's integration tests (linked into Streams.Scorer.Tests).
/// </summary>
internal static class HostWindows
{
    public static readonly DateTime T0 = new(2026, 11, 25, 9, 0, 0, DateTimeKind.Utc);

    public static readonly string[] Names = ["cpu", "load", "mem", "disk"];

    /// <summary>The values of window <paramref name="index"/> of a run seeded by <paramref name="random"/>.</summary>
    public static double[] Values(int index, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var daily = Math.Sin(index * 2 * Math.PI / 288);
        var batch = Math.Cos(index * 2 * Math.PI / 97);
        double[] row = [0.5 + (0.3 * daily), 0.4 + (0.2 * daily) + (0.1 * batch), 0.6 + (0.2 * batch), 0.3 + (0.1 * daily) - (0.1 * batch)];
        for (var d = 0; d < row.Length; d++)
        {
            row[d] += 0.01 * random.NextDouble();
        }

        return row;
    }

    /// <summary>Training rows for a detector: <paramref name="count"/> windows, row-major.</summary>
    public static double[] Rows(int count, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).SelectMany(i => Values(i, random))];
    }

    public static MetricWindow Window(string host, int index, double[] values, long sizeMs = 10_000) => new()
    {
        host = host,
        window = new TimeWindow { start = T0.AddMilliseconds(index * sizeMs), end = T0.AddMilliseconds((index + 1) * sizeMs) },
        windowSizeMs = sizeMs,
        series = [],
        featureNames = Names,
        features = values,
        present = [.. values.Select(_ => true)],
        lateSamples = 0,
        emittedAt = null,
    };
}
