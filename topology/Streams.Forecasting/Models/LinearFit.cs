namespace Streams.Forecasting.Models;

/// <summary>
/// Ordinary least squares of value on step index over the observed points, as Prometheus
/// <c>predict_linear</c>, with the textbook prediction standard error for a new point.
/// </summary>
internal sealed class LinearFit
{
    private LinearFit(double intercept, double slope, double sigma, int count, double meanX, double sxx)
    {
        Intercept = intercept;
        Slope = slope;
        Sigma = sigma;
        Count = count;
        MeanX = meanX;
        Sxx = sxx;
    }

    public double Intercept { get; }

    public double Slope { get; }

    /// <summary>Residual standard deviation (n − 2 degrees of freedom; 0 with two points).</summary>
    public double Sigma { get; }

    public int Count { get; }

    private double MeanX { get; }

    private double Sxx { get; }

    /// <summary>Fits the observed (non-NaN) points of <paramref name="values"/>; needs at least two.</summary>
    public static LinearFit Fit(ReadOnlySpan<double> values)
    {
        double count = 0, sumX = 0, sumY = 0;
        for (var i = 0; i < values.Length; i++)
        {
            if (!double.IsNaN(values[i]))
            {
                count++;
                sumX += i;
                sumY += values[i];
            }
        }

        if (count < 2)
        {
            throw new ArgumentException("A line needs at least two observed points.", nameof(values));
        }

        var meanX = sumX / count;
        var meanY = sumY / count;
        double sxx = 0, sxy = 0;
        for (var i = 0; i < values.Length; i++)
        {
            if (!double.IsNaN(values[i]))
            {
                sxx += (i - meanX) * (i - meanX);
                sxy += (i - meanX) * (values[i] - meanY);
            }
        }

        var slope = sxy / sxx;
        var intercept = meanY - (slope * meanX);
        var sse = 0.0;
        for (var i = 0; i < values.Length; i++)
        {
            if (!double.IsNaN(values[i]))
            {
                var residual = values[i] - (intercept + (slope * i));
                sse += residual * residual;
            }
        }

        var sigma = count > 2 ? Math.Sqrt(sse / (count - 2)) : 0;
        return new LinearFit(intercept, slope, sigma, (int)count, meanX, sxx);
    }

    /// <summary>
    /// A rolling-origin backtest of the line refitted as the history grows: from index
    /// <paramref name="from"/> − 1 and every index after it, the least-squares line over every
    /// observed point up to it forecasts the next 1..<paramref name="steps"/> values of
    /// <paramref name="values"/> (NaN: a gap, no error). Returns the sum of absolute errors. Needs two
    /// observed points before <paramref name="from"/>. With <paramref name="toSeries"/>, the values are
    /// in a transformed space and the errors are measured after mapping value and forecast back.
    /// </summary>
    public static double BacktestAbsoluteError(ReadOnlySpan<double> values, int from, int steps, Func<double, double>? toSeries = null)
    {
        toSeries ??= static v => v;
        ArgumentOutOfRangeException.ThrowIfLessThan(steps, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(from, 2);
        double n = 0, sx = 0, sy = 0, sxx = 0, sxy = 0, sum = 0;
        for (var i = 0; i < values.Length; i++)
        {
            if (i >= from)
            {
                if (n < 2)
                {
                    throw new ArgumentException("A line needs at least two observed points before the first one forecast.", nameof(values));
                }

                // The origin is i − 1: forecast i .. i + steps − 1 from the points before i.
                var slope = ((n * sxy) - (sx * sy)) / ((n * sxx) - (sx * sx));
                var intercept = (sy - (slope * sx)) / n;
                for (var t = i; t < Math.Min(values.Length, i + steps); t++)
                {
                    if (!double.IsNaN(values[t]))
                    {
                        sum += Math.Abs(toSeries(values[t]) - toSeries(intercept + (slope * t)));
                    }
                }
            }

            var y = values[i];
            if (!double.IsNaN(y))
            {
                n++;
                sx += i;
                sy += y;
                sxx += (double)i * i;
                sxy += i * y;
            }
        }

        return sum;
    }

    /// <summary>What is left of a gap-free series once its least-squares line is taken out.</summary>
    public static double[] Residuals(ReadOnlySpan<double> filled)
    {
        var fit = Fit(filled);
        var residuals = new double[filled.Length];
        for (var i = 0; i < filled.Length; i++)
        {
            residuals[i] = filled[i] - fit.Predict(i);
        }

        return residuals;
    }

    public double Predict(double index) => Intercept + (Slope * index);

    /// <summary>Standard error of a new observation at <paramref name="index"/>: σ √(1 + 1/n + (x − x̄)² / Sxx).</summary>
    public double PredictionSigma(double index) =>
        Sigma * Math.Sqrt(1 + (1.0 / Count) + ((index - MeanX) * (index - MeanX) / Sxx));
}
