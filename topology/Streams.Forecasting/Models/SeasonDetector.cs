using Streams.Forecasting.Numerics;

namespace Streams.Forecasting.Models;

/// <summary>
/// Finds a series' season length from its autocorrelation, never from an assumed calendar: the data
/// says whether the cycle is a day, a week, or absent.
/// </summary>
internal static class SeasonDetector
{
    /// <summary>
    /// A longer season replaces its fundamental only when it leaves at most this share of what the
    /// fundamental leaves unexplained (1 − r). Measured on hourly days with quieter weekends
    /// (0.3 of the weekday swing): 1 − r is 0.14 at a day and 0.06 at a week; with no weekly
    /// pattern the two are equal within noise.
    /// </summary>
    private const double LongerSeasonShare = 0.7;

    /// <summary>
    /// ... and gains at least this much autocorrelation: on a clean daily cycle 1 − r is near 0 at
    /// every multiple of the day, and the share alone then picks multiples on noise (17 % of
    /// 500 synthetic daily series before this floor, in tests/bench/Streams.Forecasting.Benchmarks).
    /// </summary>
    private const double LongerSeasonGain = 0.03;

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
            if (k > best && Math.Abs(multiple - Math.Round(multiple)) * period <= 1 && 1 - Unbiased(r, k, n) <= LongerSeasonShare * (1 - bestUnbiased)
                && Unbiased(r, k, n) - bestUnbiased >= LongerSeasonGain)
            {
                best = k;
                bestUnbiased = Unbiased(r, k, n);
            }
        }

        return best;
    }

    private static double Unbiased(double[] r, int lag, int n) => r[lag] * n / (n - lag);
}
