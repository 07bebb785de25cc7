namespace Streams.Forecasting.Benchmarks;

/// <summary>The kinds of hourly series measured, each seeded: truth plus Gaussian noise.</summary>
internal static class Series
{
    public const int History = 24 * 28;
    public const int HeldOut = 24 * 7;

    public static readonly DateTimeOffset Start = new(2026, 11, 2, 0, 0, 0, TimeSpan.Zero);

    public static IReadOnlyList<(string Name, Func<Random, Func<int, double>> Truth, double Noise)> Kinds { get; } =
    [
        ("daily cycle + trend", r => Daily(r, weekly: false), 2),
        ("daily + weekly cycle", r => Daily(r, weekly: true), 2),
        ("linear fill", r => { var slope = 0.05 + (0.2 * r.NextDouble()); return t => 20 + (slope * t); }, 0.5),
        ("flat + noise", r => { var level = 20 + (60 * r.NextDouble()); return _ => level; }, 3),
    ];

    public static double[] Make(Func<int, double> truth, double noise, Random random, int count) =>
        [.. Enumerable.Range(0, count).Select(t => truth(t) + (noise * Gaussian(random)))];

    private static Func<int, double> Daily(Random random, bool weekly)
    {
        var amplitude = 10 + (20 * random.NextDouble());
        var phase = random.NextDouble() * 24;
        var slope = 0.02 * random.NextDouble();
        return t =>
        {
            var weekend = weekly && (t / 24 % 7) >= 5 ? 0.3 : 1.0;
            return 40 + (amplitude * weekend * Math.Sin(2 * Math.PI * (t + phase) / 24)) + (slope * t);
        };
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
