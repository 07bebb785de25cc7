using Streams.Forecasting.Models;

namespace Streams.Forecasting.Benchmarks;

/// <summary>
/// Held-out error of the chosen model against the least-squares line (as predict_linear) and the
/// naive last value, as MASE (mean absolute error over the in-sample one-step naive error, so
/// below 1 beats "tomorrow equals now" on average) and sMAPE; and the band's coverage.
/// </summary>
internal static class Accuracy
{
    public static void Report(int perKind)
    {
        Console.WriteLine("kind                   | models chosen                 | MASE auto | MASE line | MASE naive | sMAPE auto | sMAPE line | band coverage");
        foreach (var (name, truth, noise) in Series.Kinds)
        {
            var random = new Random(42);
            double auto = 0, line = 0, naive = 0, sAuto = 0, sLine = 0;
            long inside = 0, total = 0;
            var models = new Dictionary<string, int>();
            for (var i = 0; i < perKind; i++)
            {
                var values = Series.Make(truth(random), noise, random, Series.History + Series.HeldOut);
                var history = values[..Series.History];
                var heldOut = values.AsSpan(Series.History);
                var forecast = Forecaster.Forecast(new RegularSeries(Series.Start, TimeSpan.FromHours(1), history), Series.HeldOut, new ForecastOptions())!;
                var fit = LinearFit.Fit(history);
                var key = forecast.Model + (forecast.Period > 0 ? $"/{forecast.Period}" : "");
                models[key] = models.GetValueOrDefault(key) + 1;

                var scale = 0.0;
                for (var t = 1; t < history.Length; t++)
                {
                    scale += Math.Abs(history[t] - history[t - 1]);
                }

                scale /= history.Length - 1;
                double eAuto = 0, eLine = 0, eNaive = 0;
                for (var h = 0; h < heldOut.Length; h++)
                {
                    var point = forecast.Points[h];
                    var linear = fit.Predict(history.Length + h);
                    eAuto += Math.Abs(heldOut[h] - point.Expected);
                    eLine += Math.Abs(heldOut[h] - linear);
                    eNaive += Math.Abs(heldOut[h] - history[^1]);
                    sAuto += Smape(heldOut[h], point.Expected);
                    sLine += Smape(heldOut[h], linear);
                    inside += heldOut[h] >= point.Lower && heldOut[h] <= point.Upper ? 1 : 0;
                    total++;
                }

                auto += eAuto / heldOut.Length / scale;
                line += eLine / heldOut.Length / scale;
                naive += eNaive / heldOut.Length / scale;
            }

            var chosen = string.Join(", ", models.OrderByDescending(m => m.Value).Select(m => $"{m.Key} {m.Value}"));
            Console.WriteLine($"{name,-22} | {chosen,-29} | {auto / perKind,9:F3} | {line / perKind,9:F3} | {naive / perKind,10:F3} | {100 * sAuto / total,9:F2}% | {100 * sLine / total,9:F2}% | {100.0 * inside / total,12:F1}%");
        }

        Exhaustion(perKind);
    }

    private static void Exhaustion(int perKind)
    {
        // Linear fills whose true crossing of 100 falls inside the 7-day horizon.
        var random = new Random(7);
        var errors = new List<double>();
        var bracketed = 0;
        for (var i = 0; i < perKind; i++)
        {
            var slope = 0.15 + (0.2 * random.NextDouble());
            var start = 100 - (slope * (Series.History - 1)) - (slope * (24 + (120 * random.NextDouble())));
            var values = Series.Make(t => start + (slope * t), 0.5, random, Series.History);
            var truth = (100 - (start + (slope * (Series.History - 1)))) / slope;
            var forecast = Forecaster.Forecast(new RegularSeries(Series.Start, TimeSpan.FromHours(1), values), Series.HeldOut, new ForecastOptions())!;
            var estimate = Streams.Forecasting.Exhaustion.Estimate(forecast, 100, ExhaustionDirection.Rising);
            if (estimate.Expected is { } expected)
            {
                errors.Add(Math.Abs(expected.TotalHours - truth) / truth);
            }

            if (estimate.Earliest?.TotalHours <= truth && (estimate.Latest is null || estimate.Latest.Value.TotalHours >= truth))
            {
                bracketed++;
            }
        }

        errors.Sort();
        Console.WriteLine();
        Console.WriteLine($"time to exhaustion, linear fills crossing 100 % within 1-6 days: found {errors.Count}/{perKind}, relative error median {100 * errors[errors.Count / 2]:F2}%, p90 {100 * errors[(int)(errors.Count * 0.9)]:F2}%; true time between earliest and latest in {100.0 * bracketed / perKind:F1}%");
    }

    private static double Smape(double actual, double forecast) =>
        Math.Abs(actual) + Math.Abs(forecast) == 0 ? 0 : 2 * Math.Abs(actual - forecast) / (Math.Abs(actual) + Math.Abs(forecast));
}
