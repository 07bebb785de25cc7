namespace Streams.Topology.Metrics.Normalize;

/// <summary>
/// The units MetricSample.avsc names, their common spellings, and the canonical unit each one
/// normalises to: percentages become ratios 0..1, byte multiples bytes, milliseconds seconds.
/// </summary>
internal static class Units
{
    public const string Ratio = "ratio";
    public const string Unspecified = "";

    private const double KiB = 1024;
    private const double MiB = KiB * 1024;
    private const double GiB = MiB * 1024;

    private static readonly CanonicalUnit Bytes = new("bytes", 1, "bytes/s", NonNegative: true);
    private static readonly CanonicalUnit Count = new("count", 1, "count/s", NonNegative: true);
    private static readonly CanonicalUnit Seconds = new("seconds", 1, "seconds/s", NonNegative: true);

    private static readonly Dictionary<string, CanonicalUnit> Known = new(StringComparer.OrdinalIgnoreCase)
    {
        [Unspecified] = new(Unspecified, 1, "count/s", NonNegative: false),
        [Ratio] = new(Ratio, 1, Ratio, NonNegative: true),
        ["percent"] = new(Ratio, 0.01, Ratio, NonNegative: true),
        ["%"] = new(Ratio, 0.01, Ratio, NonNegative: true),
        ["bytes"] = Bytes,
        ["b"] = Bytes,
        ["kib"] = Bytes with { Factor = KiB },
        ["kb"] = Bytes with { Factor = KiB },
        ["mib"] = Bytes with { Factor = MiB },
        ["mb"] = Bytes with { Factor = MiB },
        ["gib"] = Bytes with { Factor = GiB },
        ["gb"] = Bytes with { Factor = GiB },
        ["bytes/s"] = new("bytes/s", 1, "bytes/s", NonNegative: true),
        ["ops/s"] = new("ops/s", 1, "ops/s", NonNegative: true),
        ["packets/s"] = new("packets/s", 1, "packets/s", NonNegative: true),
        ["packets"] = new("packets", 1, "packets/s", NonNegative: true),
        ["seconds"] = Seconds,
        ["s"] = Seconds,
        ["milliseconds"] = Seconds with { Factor = 0.001 },
        ["ms"] = Seconds with { Factor = 0.001 },
        ["count"] = Count,
        ["count/s"] = new("count/s", 1, "count/s", NonNegative: true),
    };

    public static CanonicalUnit? Resolve(string? unit) => Known.GetValueOrDefault(unit?.Trim() ?? Unspecified);

    /// <summary>
    /// Metric families that are utilisations whatever the source says about the unit: cpu.*,
    /// *.util, *.pct, *.percent. An unlabelled sample of these is a ratio or a 0..100 percentage.
    /// </summary>
    public static bool IsRatioFamily(string metric) =>
        metric.StartsWith("cpu.", StringComparison.Ordinal)
        || metric.EndsWith(".util", StringComparison.Ordinal)
        || metric.EndsWith(".pct", StringComparison.Ordinal)
        || metric.EndsWith(".percent", StringComparison.Ordinal);
}
