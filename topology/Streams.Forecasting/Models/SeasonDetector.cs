using Streams.Forecasting.Numerics;

namespace Streams.Forecasting.Models;

/// <summary>
/// Finds a series' season length from its autocorrelation, never from an assumed calendar: the data
/// says whether the cycle is a day, a week, or absent.
/// </summary>
internal static class SeasonDetector
{
    /// <summary>A longer season replaces its fundamental only when its (lag-corrected) autocorrelation is this much higher.</summary>
    private const double LongerSeasonMargin = 0.1;

    /// <summary>The season length in steps, or 0 when none shows in <paramref name="filled"/> (a gap-free series).</summary>
    public static int Detect(ReadOnlySpan<double> filled, ForecastOptions options)
    {
        var n = filled.Length;

        // Two whole cycles are the least that shows a cycle repeats, and Holt-Winters starts from two.
        var maxLag = Math.Min(options.MaxPeriod, n / 2);
        if (maxLag < options.MinPeriod)
        {
            return 0;
        }

        var r = Autocorrelation.Compute(LinearFit.Residuals(filled), maxLag);
        var candidates = new List<int>();
        var trough = r[0];
        for (var k = 1; k <= maxLag; k++)
        {
            trough = Math.Min(trough, r[k]);

            // A peak must rise above the trough before it: a trend or a level step leaves a slowly
            // decaying autocorrelation whose noise bumps are high but not prominent.
            var isPeak = r[k] >= r[k - 1] && (k == maxLag || r[k] >= r[k + 1]);
            if (k >= options.MinPeriod && isPeak && r[k] >= options.SeasonThreshold && r[k] - trough >= options.SeasonThreshold)
            {
                candidates.Add(k);
            }
        }

        if (candidates.Count == 0)
        {
            return 0;
        }

        // The biased estimator shrinks with the lag, so its highest peak is the fundamental, not a harmonic.
        var period = candidates.MaxBy(k => r[k]);

        // A weekly cycle on top of a daily one matches best a whole week back; compare lags without
        // the estimator's shrinkage (n / (n − k)) so the longer lag is not penalised for its length.
        var best = period;
        var bestUnbiased = Unbiased(r, period, n);
        foreach (var k in candidates)
        {
            var multiple = (double)k / period;
            if (k > best && Math.Abs(multiple - Math.Round(multiple)) * period <= 1 && Unbiased(r, k, n) >= bestUnbiased + LongerSeasonMargin)
            {
                best = k;
                bestUnbiased = Unbiased(r, k, n);
            }
        }

        return best;
    }

    private static double Unbiased(double[] r, int lag, int n) => r[lag] * n / (n - lag);
}
