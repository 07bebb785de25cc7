namespace Streams.Forecasting;

/// <summary>How a series is forecast.</summary>
internal sealed record ForecastOptions
{
    /// <summary>Nominal coverage of the prediction interval (0.95: 95 % of future points inside it if the one-step errors are normal and independent).</summary>
    public double Coverage { get; init; } = 0.95;

    /// <summary>Below this many observed points a series gets the linear fit only: smoothing models need a history to fit their parameters on.</summary>
    public int MinSmoothingPoints { get; init; } = 24;

    /// <summary>The autocorrelation a season needs at its lag (and as its rise above the trough before it) to count.</summary>
    public double SeasonThreshold { get; init; } = 0.3;

    /// <summary>Shortest season in steps.</summary>
    public int MinPeriod { get; init; } = 3;

    /// <summary>Longest season in steps (bounds the seasonal state and the detection cost; a week of hourly steps is 168).</summary>
    public int MaxPeriod { get; init; } = 24 * 7 * 2;

    /// <summary>
    /// Share of the history held out to choose the model (line, damped trend, Holt-Winters when a
    /// season shows); the chosen model is refitted on all of it.
    /// </summary>
    public double HoldoutShare { get; init; } = 0.2;

    /// <summary>
    /// How many steps ahead the backtest on the held-out tail forecasts from each of its points: a
    /// day of hourly steps, the shortest horizon a default forecast rule judges.
    /// </summary>
    public int BacktestSteps { get; init; } = 24;

    /// <summary>
    /// The series is the share of a capacity that demand can outgrow but not exceed (CPU
    /// utilisation: work beyond it queues), in [0, 1]: it is forecast in its log-odds
    /// (<see cref="Numerics.LogOdds"/>), where its season and trend are additive, and the forecast and
    /// band are mapped back, so they flatten against 1 as the share does. A share that fills as a
    /// stock (a disk, a leak) grows at its own pace up to the bound and is not one.
    /// </summary>
    public bool SaturatingShare { get; init; }

    public void Validate()
    {
        if (Coverage is <= 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(Coverage), Coverage, "Coverage must be between 0 and 1, exclusive.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(MinSmoothingPoints, 4, nameof(MinSmoothingPoints));
        ArgumentOutOfRangeException.ThrowIfLessThan(MinPeriod, 2, nameof(MinPeriod));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxPeriod, MinPeriod, nameof(MaxPeriod));
        ArgumentOutOfRangeException.ThrowIfLessThan(BacktestSteps, 1, nameof(BacktestSteps));
        if (SeasonThreshold is <= 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(SeasonThreshold), SeasonThreshold, "SeasonThreshold must be between 0 and 1, exclusive.");
        }

        if (HoldoutShare is <= 0 or >= 0.5)
        {
            throw new ArgumentOutOfRangeException(nameof(HoldoutShare), HoldoutShare, "HoldoutShare must be between 0 and 0.5, exclusive.");
        }
    }
}
