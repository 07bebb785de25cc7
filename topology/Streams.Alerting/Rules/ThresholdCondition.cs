namespace Streams.Alerting.Rules;

/// <summary>
/// Fires while <see cref="Statistic"/> of a matching series compares to <see cref="Value"/> and
/// clears only once it is back past <see cref="Clear"/>: a value hovering at the threshold
/// neither flaps nor pages twice. Values are in the normalised units of metrics.windows
/// (percentages are ratios 0..1, sizes bytes, times seconds).
/// </summary>
public sealed record ThresholdCondition
{
    /// <summary>Metric name (e.g. <c>cpu.util</c>); every series of the metric is watched, one alert each.</summary>
    public string Metric { get; init; } = string.Empty;

    /// <summary>Optional glob on the series id (e.g. <c>fs.used.percent{mount=/}</c>, <c>disk.util{device=sd*}</c>).</summary>
    public string? Series { get; init; }

    public WindowStatistic Statistic { get; init; } = WindowStatistic.Mean;

    public Comparator Comparator { get; init; } = Comparator.Above;

    public double Value { get; init; }

    /// <summary>Where a firing alert clears; null clears as soon as the condition stops holding.</summary>
    public double? Clear { get; init; }
}
