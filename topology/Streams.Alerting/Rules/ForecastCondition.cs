namespace Streams.Alerting.Rules;

/// <summary>
/// Fires while the forecaster's latest forecast of a matching series reaches the resource's limit
/// within <see cref="Horizon"/>, judged on <see cref="Bound"/>, and clears only once it reaches it
/// no sooner than <see cref="Clear"/> (hysteresis), or not within the forecast's own horizon.
/// </summary>
public sealed record ForecastCondition
{
    /// <summary>Metric name (e.g. <c>fs.used.percent</c>); every forecast series of the metric is watched, one alert each.</summary>
    public string Metric { get; init; } = string.Empty;

    /// <summary>Optional glob on the series id (e.g. <c>fs.used.percent{mount=/}</c>).</summary>
    public string? Series { get; init; }

    /// <summary>
    /// The value that counts as exhausted, in the normalised units of the forecast (a percentage is a
    /// ratio); null: the forecast's own limit (the forecaster's resource limit).
    /// </summary>
    public double? Limit { get; init; }

    /// <summary>Fire when the limit is reached within this long from now.</summary>
    public TimeSpan Horizon { get; init; }

    public ForecastBound Bound { get; init; } = ForecastBound.Expected;

    /// <summary>A firing alert clears once the limit is reached no sooner than this (at least <see cref="Horizon"/>); null clears as soon as it is beyond the horizon.</summary>
    public TimeSpan? Clear { get; init; }
}
