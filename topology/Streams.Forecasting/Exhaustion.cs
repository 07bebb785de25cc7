namespace Streams.Forecasting;

/// <summary>
/// When a forecast reaches a limit, as offsets from its last observation; null: not within the
/// horizon. <see cref="Earliest"/> follows the band's bound on the side of the limit (the upper
/// bound for a rising resource, the lower for a falling one), <see cref="Latest"/> the other bound,
/// so "fills in <see cref="Expected"/> (between <see cref="Earliest"/> and <see cref="Latest"/>)".
/// </summary>
internal sealed record Exhaustion(TimeSpan? Earliest, TimeSpan? Expected, TimeSpan? Latest)
{
    public static Exhaustion Estimate(SeriesForecast forecast, double limit, ExhaustionDirection direction)
    {
        ArgumentNullException.ThrowIfNull(forecast);
        if (!double.IsFinite(limit))
        {
            throw new ArgumentOutOfRangeException(nameof(limit), limit, "The limit must be a finite number.");
        }

        var rising = direction == ExhaustionDirection.Rising;
        return new Exhaustion(
            Crossing(forecast, limit, rising, p => rising ? p.Upper : p.Lower),
            Crossing(forecast, limit, rising, p => p.Expected),
            Crossing(forecast, limit, rising, p => rising ? p.Lower : p.Upper));
    }

    /// <summary>The first crossing, linearly interpolated between steps, starting from the last observation.</summary>
    private static TimeSpan? Crossing(SeriesForecast forecast, double limit, bool rising, Func<ForecastPoint, double> value)
    {
        bool Reached(double v) => rising ? v >= limit : v <= limit;

        var previous = forecast.LastObserved;
        if (Reached(previous))
        {
            return TimeSpan.Zero;
        }

        for (var h = 1; h <= forecast.Points.Count; h++)
        {
            var current = value(forecast.Points[h - 1]);
            if (Reached(current))
            {
                var fraction = (limit - previous) / (current - previous);
                return forecast.Step * (h - 1 + fraction);
            }

            previous = current;
        }

        return null;
    }
}
