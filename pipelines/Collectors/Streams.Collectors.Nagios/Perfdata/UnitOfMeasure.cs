using io.streams.avro;

namespace Streams.Collectors.Nagios.Perfdata;

/// <summary>
/// A plugin's unit of measure turned into the platform's unit (MetricSample's <c>unit</c>): the
/// guidelines' <c>s</c>, <c>ms</c>, <c>us</c> become seconds, <c>B</c>, <c>KB</c>, <c>MB</c>,
/// <c>GB</c>, <c>TB</c> bytes (1024-based, as check_disk and check_swap compute them), <c>%</c>
/// percent, <c>c</c> a count that only grows (a counter).
/// </summary>
internal readonly record struct UnitOfMeasure(string Unit, double Factor, MetricKind Kind)
{
    /// <summary>The unit of <paramref name="uom"/>; null for a UOM outside the guidelines (the value is then kept with unit "" and the UOM in a tag).</summary>
    public static UnitOfMeasure? Of(string uom) => uom switch
    {
        "" => new("", 1, MetricKind.GAUGE),
        "s" => new("seconds", 1, MetricKind.GAUGE),
        "ms" => new("seconds", 1e-3, MetricKind.GAUGE),
        "us" => new("seconds", 1e-6, MetricKind.GAUGE),
        "%" => new("percent", 1, MetricKind.GAUGE),
        "B" => new("bytes", 1, MetricKind.GAUGE),
        "KB" or "kB" or "KiB" => new("bytes", 1024, MetricKind.GAUGE),
        "MB" or "MiB" => new("bytes", 1024d * 1024, MetricKind.GAUGE),
        "GB" or "GiB" => new("bytes", 1024d * 1024 * 1024, MetricKind.GAUGE),
        "TB" or "TiB" => new("bytes", 1024d * 1024 * 1024 * 1024, MetricKind.GAUGE),
        "c" => new("count", 1, MetricKind.COUNTER),
        _ => null,
    };
}
