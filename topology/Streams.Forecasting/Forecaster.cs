using Streams.Forecasting.Models;
using Streams.Forecasting.Numerics;

namespace Streams.Forecasting;

/// <summary>
/// Forecasts one regular series with the best on a held-out tail of its history of a
/// least-squares line, Holt's damped trend (which follows a level step the line would smear) and,
/// when the autocorrelation shows a season, Holt-Winters (additive, damped trend); the line alone
/// for histories shorter than <see cref="ForecastOptions.MinSmoothingPoints"/>. The prediction interval is the
/// model's h-step error spread from its in-sample one-step residuals, assumed normal. A saturating
/// share (<see cref="ForecastOptions.SaturatingShare"/>) is also fitted and chosen in its log-odds,
/// and the better of the two spaces by the same backtest (in the share's units) forecasts it; from
/// log-odds its points and band are mapped back, the expected value being then the median.
/// </summary>
internal static class Forecaster
{
    /// <summary>The forecast <paramref name="horizonSteps"/> steps past the last observation, or null with fewer than two observed points.</summary>
    public static SeriesForecast? Forecast(RegularSeries series, int horizonSteps, ForecastOptions options)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(horizonSteps, 1);
        options.Validate();

        var values = series.Values.AsSpan();
        var first = values.IndexOfAnyExcept(double.NaN);
        var last = values.LastIndexOfAnyExcept(double.NaN);
        if (first < 0 || Gaps.CountObserved(values) < 2)
        {
            return null;
        }

        var history = values[first..(last + 1)];
        var origin = series.TimeAt(last);
        var z = NormalQuantile.Of(0.5 + (options.Coverage / 2));
        var fitted = Choose(history, options, null);
        if (options.SaturatingShare)
        {
            // Which space forecasts the share better is for its own history to say, by the same
            // backtest in the share's units: the log-odds shrinks a swing as it nears the bound, but
            // it also slows a rise toward it, which a share driven up by outside demand may not do.
            var inLogOdds = Choose(LogOdds.FromShares(history), options, LogOdds.ToShare);
            if (fitted.BacktestError is not { } raw || inLogOdds.BacktestError is not { } logOdds || logOdds <= raw)
            {
                fitted = inLogOdds;
            }
        }

        var (model, period, sigma, expected, spread, _, share) = fitted;

        var points = new ForecastPoint[horizonSteps];
        var sigmas = spread(horizonSteps);
        for (var h = 1; h <= horizonSteps; h++)
        {
            var mean = expected(h);
            var half = z * sigmas[h - 1];
            points[h - 1] = share
                ? new ForecastPoint(origin + (series.Step * h), LogOdds.ToShare(mean), LogOdds.ToShare(mean - half), LogOdds.ToShare(mean + half))
                : new ForecastPoint(origin + (series.Step * h), mean, mean - half, mean + half);
        }

        // The record's σ is in the series' unit: a log-odds σ scaled by the back-transform's slope at the last value (delta method).
        var residualSigma = share ? sigma * LogOdds.ShareSlope(LogOdds.FromShare(history[^1])) : sigma;
        return new SeriesForecast(model, period, series.Step, origin, history[^1], options.Coverage, residualSigma, points);
    }

    /// <summary>
    /// The model for <paramref name="history"/> and its backtest error (null when there was none to
    /// choose on), measured after <paramref name="toSeries"/> when the history is a transformed series.
    /// </summary>
    private static Fitted Choose(ReadOnlySpan<double> history, ForecastOptions options, Func<double, double>? toSeries)
    {
        var transformed = toSeries is not null;
        if (Gaps.CountObserved(history) < options.MinSmoothingPoints)
        {
            return Linear(history, transformed);
        }

        var period = SeasonDetector.Detect(Gaps.Interpolate(history), options);

        // Choose on a held-out tail by a rolling-origin backtest: from every point of it, the next
        // BacktestSteps are forecast with the state (or the line) updated on the points before, as
        // in time series cross-validation (Hyndman & Athanasopoulos, Forecasting: Principles and
        // Practice, 3rd ed., 5.10). Forecasting the whole tail from where the training part ends
        // instead leaves every model blind to a change that starts inside the tail (a leak that began
        // a day ago): each forecasts the flat past, the choice among them is noise, and a line refitted
        // over weeks of flat history and one day of growth smears the growth away. One step ahead
        // alone would reward following noise, which the horizons the forecasts serve punish.
        var split = (int)Math.Round(history.Length * (1 - options.HoldoutShare));
        var train = history[..split];
        var trainEnd = train.LastIndexOfAnyExcept(double.NaN);
        var test = history[split..];
        var seasonFits = trainEnd + 1 >= 2 * period;
        if (trainEnd < 3 || Gaps.CountObserved(test) == 0 || !seasonFits)
        {
            // A season shown by the whole history but too long to fit on its first part is taken on trust.
            return period > 0 ? Smoothing(history, period, ForecastModel.HoltWinters, transformed) : Linear(history, transformed);
        }

        train = train[..(trainEnd + 1)];
        var following = history[(trainEnd + 1)..];
        var best = ForecastModel.Linear;
        var steps = options.BacktestSteps;
        var bestError = LinearFit.BacktestAbsoluteError(history, trainEnd + 1, steps, toSeries);
        var dampedError = ExponentialSmoothing.Fit(train, 0).BacktestAbsoluteError(following, steps, toSeries);
        if (dampedError < bestError)
        {
            (best, bestError) = (ForecastModel.DampedTrend, dampedError);
        }

        if (period > 0 && ExponentialSmoothing.Fit(train, period).BacktestAbsoluteError(following, steps, toSeries) is var seasonalError && seasonalError < bestError)
        {
            (best, bestError) = (ForecastModel.HoltWinters, seasonalError);
        }

        var fitted = best switch
        {
            ForecastModel.HoltWinters => Smoothing(history, period, ForecastModel.HoltWinters, transformed),
            ForecastModel.DampedTrend => Smoothing(history, 0, ForecastModel.DampedTrend, transformed),
            _ => Linear(history, transformed),
        };
        return fitted with { BacktestError = bestError };
    }

    private static Fitted Linear(ReadOnlySpan<double> history, bool inLogOdds)
    {
        var fit = LinearFit.Fit(history);
        var last = history.Length - 1;
        return new Fitted(
            ForecastModel.Linear,
            0,
            fit.Sigma,
            h => fit.Predict(last + h),
            steps => Enumerable.Range(1, steps).Select(h => fit.PredictionSigma(last + h)).ToArray(),
            null,
            inLogOdds);
    }

    private static Fitted Smoothing(ReadOnlySpan<double> history, int period, ForecastModel model, bool inLogOdds)
    {
        var fit = ExponentialSmoothing.Fit(history, period);
        return new Fitted(model, period, fit.Sigma, fit.Forecast, fit.ForecastSigmas, null, inLogOdds);
    }

    /// <param name="InLogOdds">Fitted on a share's log-odds: its forecast and band are mapped back.</param>
    private sealed record Fitted(ForecastModel Model, int Period, double Sigma, Func<int, double> Expected, Func<int, double[]> Spread, double? BacktestError, bool InLogOdds);
}
