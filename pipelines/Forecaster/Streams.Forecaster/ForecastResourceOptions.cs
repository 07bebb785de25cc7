using Streams.Forecasting;

namespace Streams.Forecaster;

/// <summary>A resource the forecaster forecasts: a metric (each of its series, e.g. every mount) and where it runs out.</summary>
public sealed class ForecastResourceOptions
{
    /// <summary>The metric, e.g. <c>fs.used.percent</c>; every series of it (each tag set) is forecast.</summary>
    public string Metric { get; set; } = string.Empty;

    /// <summary>The value at which the resource is exhausted, in the normalised units of metrics.windows (a percentage is a ratio: 1 is full).</summary>
    public double? Limit { get; set; }

    /// <summary>
    /// Instead of <see cref="Limit"/>: a metric whose last value on the same host and tags is the
    /// limit, e.g. <c>swap.total</c> for <c>swap.used</c>.
    /// </summary>
    public string? LimitMetric { get; set; }

    /// <summary>
    /// The metric is the share (0 to 1) of a capacity that demand outgrows but cannot exceed, as CPU
    /// utilisation (work beyond it queues): forecast in its log-odds, so its daily swing flattens
    /// against 1 as it nears it (<see cref="ForecastOptions.SaturatingShare"/>).
    /// </summary>
    public bool Saturates { get; set; }

    /// <summary><c>Rising</c> (used, the default) or <c>Falling</c> (free, available) to the limit.</summary>
    public string Direction { get; set; } = "Rising";

    internal ExhaustionDirection? ParsedDirection =>
        string.Equals(Direction, nameof(ExhaustionDirection.Rising), StringComparison.OrdinalIgnoreCase) ? ExhaustionDirection.Rising
        : string.Equals(Direction, nameof(ExhaustionDirection.Falling), StringComparison.OrdinalIgnoreCase) ? ExhaustionDirection.Falling
        : null;
}
