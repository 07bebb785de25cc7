using io.streams.avro;

namespace Streams.Collectors.Publishing.Tests;

internal static class Samples
{
    public const string Host = "host-1";

    private static readonly DateTime Epoch = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>A sample whose value is its sequence number, so the consumer can check order and gaps.</summary>
    public static MetricSample Numbered(int i) => new()
    {
        host = Host,
        metric = "test.sequence",
        value = i,
        unit = "count",
        kind = MetricKind.GAUGE,
        timestamp = Epoch.AddSeconds(i),
        tags = new Dictionary<string, string> { ["n"] = "x" },
        source = MetricSource.AGENT,
    };

    public static string TempDirectory()
    {
        var path = Path.Combine(Path.GetTempPath(), "streams-spool-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }
}
