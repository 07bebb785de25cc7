using Streams.Forecasting.Numerics;

namespace Streams.Forecasting.Models;

/// <summary>
/// Additive exponential smoothing with damped trend and, when <c>period</c> &gt; 0, an additive
/// season: ETS(A,Ad,A), Holt-Winters in error-correction form (Hyndman et al., <i>Forecasting with
/// Exponential Smoothing</i>, 2008, ch. 2 and 6). With period 0 it is ETS(A,Ad,N), Holt's damped trend.
/// Parameters are chosen by coordinate search on a grid minimising the in-sample one-step squared
/// error; a gap (NaN) advances the state on its own forecast and adds no error.
/// </summary>
internal sealed class ExponentialSmoothing
{
    private static readonly double[] AlphaGrid = [0.02, 0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 0.9];

    // β as a share of α and γ as a share of 1 − α keep the parameters in the region where the
    // model is forecastable (0 < β < α, 0 < γ < 1 − α).
    private static readonly double[] BetaShareGrid = [0, 0.01, 0.05, 0.1, 0.2, 0.5];
    private static readonly double[] GammaShareGrid = [0, 0.05, 0.1, 0.2, 0.4];

    // φ = 1 is Holt's undamped trend: a disk that fills steadily for weeks keeps its slope.
    private static readonly double[] PhiGrid = [0.9, 0.95, 0.98, 1.0];

    private const int SearchRounds = 2;

    private readonly double[] _season;

    private ExponentialSmoothing(Parameters parameters, int period, double level, double trend, double[] season, int count, double sigma)
    {
        Alpha = parameters.Alpha;
        Beta = parameters.Beta;
        Gamma = parameters.Gamma;
        Phi = parameters.Phi;
        Period = period;
        Level = level;
        Trend = trend;
        _season = season;
        Count = count;
        Sigma = sigma;
    }

    public double Alpha { get; }

    public double Beta { get; }

    public double Gamma { get; }

    public double Phi { get; }

    public int Period { get; }

    public double Level { get; }

    public double Trend { get; }

    /// <summary>Length of the history fitted (the last observation is at index Count − 1).</summary>
    public int Count { get; }

    /// <summary>Root mean square of the in-sample one-step errors.</summary>
    public double Sigma { get; }

    /// <summary>Fits <paramref name="values"/> (NaN for gaps; the first and last must be observed).</summary>
    public static ExponentialSmoothing Fit(ReadOnlySpan<double> values, int period)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(period);
        if (values.Length < Math.Max(4, 2 * period))
        {
            throw new ArgumentException($"{values.Length} points cannot fit a model with a season of {period}.", nameof(values));
        }

        var observed = values.ToArray();
        var start = Start.From(Gaps.Interpolate(values), period);
        var best = new Parameters(0.2, 0.2 * 0.05, period > 0 ? 0.8 * 0.1 : 0, 0.98);
        var bestError = Run(observed, start, best, null).SumSquares;
        for (var round = 0; round < SearchRounds; round++)
        {
            foreach (var alpha in AlphaGrid)
            {
                Try(best with { Alpha = alpha, Beta = best.Beta / best.Alpha * alpha, Gamma = best.Gamma / (1 - best.Alpha) * (1 - alpha) });
            }

            foreach (var share in BetaShareGrid)
            {
                Try(best with { Beta = share * best.Alpha });
            }

            if (period > 0)
            {
                foreach (var share in GammaShareGrid)
                {
                    Try(best with { Gamma = share * (1 - best.Alpha) });
                }
            }

            foreach (var phi in PhiGrid)
            {
                Try(best with { Phi = phi });
            }
        }

        var season = new double[Math.Max(period, 1)];
        var final = Run(observed, start, best, season);
        return new ExponentialSmoothing(best, period, final.Level, final.Trend, season, values.Length, Math.Sqrt(final.SumSquares / Math.Max(1, final.Errors)));

        void Try(Parameters candidate)
        {
            var error = Run(observed, start, candidate, null).SumSquares;
            if (error < bestError)
            {
                bestError = error;
                best = candidate;
            }
        }
    }

    /// <summary>The expected value <paramref name="steps"/> after the last observation.</summary>
    public double Forecast(int steps)
    {
        var damped = 0.0;
        var power = 1.0;
        for (var i = 1; i <= steps; i++)
        {
            power *= Phi;
            damped += power;
        }

        var seasonal = Period > 0 ? _season[(Count - 1 + steps) % Period] : 0;
        return Level + (damped * Trend) + seasonal;
    }

    /// <summary>
    /// A rolling-origin backtest with the fitted parameters over <paramref name="following"/>, the
    /// values after the fitted history (NaN: a gap, no error): from the end of the history and from
    /// every value after it, the next 1..<paramref name="steps"/> values are forecast, then the state
    /// takes that value in. Returns the sum of absolute errors; with <paramref name="toSeries"/>, the
    /// model is in a transformed space and each error is measured after mapping value and forecast back.
    /// </summary>
    public double BacktestAbsoluteError(ReadOnlySpan<double> following, int steps, Func<double, double>? toSeries = null)
    {
        toSeries ??= static v => v;
        ArgumentOutOfRangeException.ThrowIfLessThan(steps, 1);
        var damped = new double[steps + 1];
        var power = 1.0;
        for (var h = 1; h <= steps; h++)
        {
            power *= Phi;
            damped[h] = damped[h - 1] + power;
        }

        var season = (double[])_season.Clone();
        var level = Level;
        var trend = Trend;
        var sum = 0.0;
        for (var i = 0; i < following.Length; i++)
        {
            for (var h = 1; h <= steps && i + h - 1 < following.Length; h++)
            {
                var target = following[i + h - 1];
                if (!double.IsNaN(target))
                {
                    sum += Math.Abs(toSeries(target) - toSeries(level + (damped[h] * trend) + (Period > 0 ? season[(Count + i + h - 1) % Period] : 0)));
                }
            }

            var phase = Period > 0 ? (Count + i) % Period : 0;
            var seasonal = Period > 0 ? season[phase] : 0;
            var error = double.IsNaN(following[i]) ? 0 : following[i] - (level + (Phi * trend) + seasonal);
            level += (Phi * trend) + (Alpha * error);
            trend = (Phi * trend) + (Beta * error);
            if (Period > 0)
            {
                season[phase] = seasonal + (Gamma * error);
            }
        }

        return sum;
    }

    /// <summary>
    /// Standard deviations of the 1..<paramref name="steps"/>-step errors:
    /// σ √(1 + Σ_{j=1}^{h−1} c_j²), c_j = α + β Σ_{i=1}^{j} φ^i + γ·[j mod m = 0] (ETS(A,Ad,A), class 1).
    /// </summary>
    public double[] ForecastSigmas(int steps)
    {
        var sigmas = new double[steps];
        var sum = 1.0;
        var damped = 0.0;
        var power = 1.0;
        for (var h = 1; h <= steps; h++)
        {
            sigmas[h - 1] = Sigma * Math.Sqrt(sum);
            power *= Phi;
            damped += power;
            var c = Alpha + (Beta * damped) + (Period > 0 && h % Period == 0 ? Gamma : 0);
            sum += c * c;
        }

        return sigmas;
    }

    private static RunResult Run(ReadOnlySpan<double> values, Start start, Parameters p, double[]? seasonOut)
    {
        var period = start.Season.Length;
        Span<double> season = period <= 512 ? stackalloc double[period] : new double[period];
        start.Season.CopyTo(season);
        var level = start.Level;
        var trend = start.Trend;
        double sumSquares = 0;
        var errors = 0;
        for (var t = start.First; t < values.Length; t++)
        {
            var phase = period > 0 ? t % period : 0;
            var seasonal = period > 0 ? season[phase] : 0;
            var expected = level + (p.Phi * trend) + seasonal;
            var error = 0.0;
            if (!double.IsNaN(values[t]))
            {
                error = values[t] - expected;
                sumSquares += error * error;
                errors++;
            }

            level += (p.Phi * trend) + (p.Alpha * error);
            trend = (p.Phi * trend) + (p.Beta * error);
            if (period > 0)
            {
                season[phase] = seasonal + (p.Gamma * error);
            }
        }

        if (seasonOut is not null && period > 0)
        {
            season.CopyTo(seasonOut);
        }

        return new RunResult(level, trend, sumSquares, errors);
    }

    private readonly record struct Parameters(double Alpha, double Beta, double Gamma, double Phi);

    private readonly record struct RunResult(double Level, double Trend, double SumSquares, int Errors);

    /// <summary>Start values: from the first two seasons (classical decomposition), or a line through the first fifth.</summary>
    private sealed record Start(int First, double Level, double Trend, double[] Season)
    {
        // The start trend must come from enough points: with β near 0 (what the search picks for a
        // steady series) it is kept, and a slope read off 10 noisy points added 4.7 to a 48-step
        // forecast of a flat series with σ = 1.
        private const int MinTrendStartPoints = 10;

        public static Start From(double[] filled, int period)
        {
            if (period == 0)
            {
                var line = LinearFit.Fit(filled.AsSpan(0, Math.Min(filled.Length, Math.Max(MinTrendStartPoints, filled.Length / 5))));
                return new Start(1, line.Predict(0), line.Slope, []);
            }

            var first = Mean(filled.AsSpan(0, period));
            var second = Mean(filled.AsSpan(period, period));
            var trend = (second - first) / period;
            var season = new double[period];
            for (var i = 0; i < period; i++)
            {
                season[i] = filled[i] - (first + (trend * (i - ((period - 1) / 2.0))));
            }

            return new Start(period, first + (trend * (period - 1) / 2.0), trend, season);
        }

        private static double Mean(ReadOnlySpan<double> values)
        {
            var sum = 0.0;
            foreach (var value in values)
            {
                sum += value;
            }

            return sum / values.Length;
        }
    }
}
