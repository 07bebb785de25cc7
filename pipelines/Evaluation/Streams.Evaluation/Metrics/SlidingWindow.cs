namespace Streams.Evaluation.Metrics;

/// <summary>
/// TSB-AD's sliding window (<c>TSB_AD/utils/slidingWindows.py</c>, <c>find_length_rank</c>, rank 1):
/// the lag of the strongest local maximum of the autocorrelation over lags 3–400 of the first
/// 20,000 values, or 125 when there is none or it lies outside 3–300 (after the 3-lag offset is
/// removed, as the reference checks it). Multivariate files use their first column, as TSB-AD's
/// runners do. The range metrics' buffers derive from it; no label is read.
/// </summary>
internal static class SlidingWindow
{
    public const int Fallback = 125;

    private const int Base = 3;

    private const int MaxLag = 400;

    private const int MaxValues = 20_000;

    public static int Estimate(ReadOnlySpan<double> values)
    {
        var data = values[..Math.Min(MaxValues, values.Length)];
        var lags = Math.Min(MaxLag, data.Length - 1);
        if (lags <= Base + 1)
        {
            return Fallback;
        }

        var mean = 0.0;
        foreach (var v in data)
        {
            mean += v;
        }

        mean /= data.Length;
        var variance = 0.0;
        foreach (var v in data)
        {
            variance += (v - mean) * (v - mean);
        }

        // statsmodels' acf: autocovariances over n (not n − k), divided by the lag-0 one.
        var correlation = new double[lags + 1 - Base];
        for (var k = Base; k <= lags; k++)
        {
            var sum = 0.0;
            for (var t = 0; t + k < data.Length; t++)
            {
                sum += (data[t] - mean) * (data[t + k] - mean);
            }

            correlation[k - Base] = sum / variance;
        }

        // scipy's argrelextrema(np.greater): strict local maxima, the ends excluded; NaN (constant series) never qualifies.
        var best = -1;
        for (var i = 1; i < correlation.Length - 1; i++)
        {
            if (correlation[i] > correlation[i - 1] && correlation[i] > correlation[i + 1] && (best < 0 || correlation[i] > correlation[best]))
            {
                best = i;
            }
        }

        return best is < 0 or < Base or > 300 ? Fallback : best + Base;
    }
}
