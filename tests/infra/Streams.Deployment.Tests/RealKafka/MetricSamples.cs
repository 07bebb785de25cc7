using io.streams.avro;

namespace Streams.Deployment.Tests.RealKafka;

/// <summary>Samples as a collector publishes them on metrics.raw.</summary>
internal static class MetricSamples
{
    public static MetricSample Sample(string host, DateTime at, double percent) => new()
    {
        host = host,
        metric = "cpu.user",
        value = percent,
        unit = "percent",
        kind = MetricKind.GAUGE,
        timestamp = at,
        tags = new Dictionary<string, string>(),
        source = MetricSource.SIMULATOR,
        intervalMs = 1000,
    };

    /// <summary>The start of the 10 s window holding <paramref name="time"/>.</summary>
    public static DateTime WindowStart(DateTime time) => new(time.Ticks - (time.Ticks % TimeSpan.FromSeconds(10).Ticks), DateTimeKind.Utc);

    /// <summary>A host name no other test uses, so tests sharing the catalogue's topics read only their own records.</summary>
    public static string UniqueHost(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..8]}";
}
