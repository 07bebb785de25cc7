namespace Streams.Evaluation.Metrics;

/// <summary>
/// Point-forecast errors of one forecast against what followed. MASE (Hyndman &amp; Koehler 2006):
/// the mean absolute error over the horizon divided by the in-sample mean absolute one-step naive
/// error of the history the forecast was fitted on, so 1 is as good as "the next value is the last
/// one" is on average one step ahead. sMAPE: the mean of 2·|F − A| / (|F| + |A|), in 0..2 (shown as
/// a percentage), 0 where both are 0.
/// </summary>
internal static class ForecastError
{
    /// <summary>The in-sample scale: the mean |y[t] − y[t−1]| over consecutive observed points; NaN with fewer than two, 0 for a flat history.</summary>
    public static double NaiveScale(ReadOnlySpan<double> history)
    {
        double sum = 0;
        var count = 0;
        for (var i = 1; i < history.Length; i++)
        {
            if (!double.IsNaN(history[i]) && !double.IsNaN(history[i - 1]))
            {
                sum += Math.Abs(history[i] - history[i - 1]);
                count++;
            }
        }

        return count == 0 ? double.NaN : sum / count;
    }

    /// <summary>MASE of <paramref name="forecast"/> against <paramref name="actual"/> (pairs with a NaN skipped); NaN without a pair or with a zero scale.</summary>
    public static double Mase(ReadOnlySpan<double> actual, ReadOnlySpan<double> forecast, double scale)
    {
        var mae = Mean(actual, forecast, (a, f) => Math.Abs(f - a));
        return scale > 0 ? mae / scale : double.NaN;
    }

    /// <summary>sMAPE in 0..2 (pairs with a NaN skipped); NaN without a pair.</summary>
    public static double Smape(ReadOnlySpan<double> actual, ReadOnlySpan<double> forecast) =>
        Mean(actual, forecast, (a, f) => Math.Abs(a) + Math.Abs(f) == 0 ? 0 : 2 * Math.Abs(f - a) / (Math.Abs(a) + Math.Abs(f)));

    private static double Mean(ReadOnlySpan<double> actual, ReadOnlySpan<double> forecast, Func<double, double, double> error)
    {
        if (actual.Length != forecast.Length)
        {
            throw new ArgumentException($"{forecast.Length} forecasts for {actual.Length} actual values.", nameof(forecast));
        }

        double sum = 0;
        var count = 0;
        for (var i = 0; i < actual.Length; i++)
        {
            if (!double.IsNaN(actual[i]) && !double.IsNaN(forecast[i]))
            {
                sum += error(actual[i], forecast[i]);
                count++;
            }
        }

        return count == 0 ? double.NaN : sum / count;
    }
}
