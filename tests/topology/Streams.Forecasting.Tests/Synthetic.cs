namespace Streams.Forecasting.Tests;

/// <summary>Seeded synthetic series with known truth: trend, daily cycle, weekly cycle, Gaussian noise.</summary>
internal static class Synthetic
{
    public static readonly DateTimeOffset Start = new(2026, 11, 2, 0, 0, 0, TimeSpan.Zero);

    public static double[] Make(int count, Func<int, double> truth, double noise, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(t => truth(t) + (noise * Gaussian(random))).ToArray();
    }

    /// <summary>Hourly: 50 + 20 sin over a day + a slow rise.</summary>
    public static double Daily(int t) => 50 + (20 * Math.Sin(2 * Math.PI * t / 24)) + (0.01 * t);

    public static RegularSeries Hourly(double[] values) => new(Start, TimeSpan.FromHours(1), values);

    public static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    /// <summary>Mean absolute error of a model's forecast against held-out truth values.</summary>
    public static double MeanAbsoluteError(IReadOnlyList<ForecastPoint> points, ReadOnlySpan<double> actual)
    {
        var sum = 0.0;
        for (var i = 0; i < actual.Length; i++)
        {
            sum += Math.Abs(points[i].Expected - actual[i]);
        }

        return sum / actual.Length;
    }
}
