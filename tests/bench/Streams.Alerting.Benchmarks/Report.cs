using System.Globalization;

namespace Streams.Alerting.Benchmarks;

internal static class Report
{
    // Set by Start, not a field initializer: those may run only at the first Step, which would hide the platform's start-up.
    private static DateTime started = DateTime.UtcNow;

    public static void Start() => started = DateTime.UtcNow;

    public static void Line(FormattableString text) => Console.WriteLine(text.ToString(CultureInfo.InvariantCulture));

    /// <summary>A progress line with the seconds since start, so start-up phases can be read off the log.</summary>
    public static void Step(FormattableString text) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{(DateTime.UtcNow - started).TotalSeconds,6:F1} s] ") + text.ToString(CultureInfo.InvariantCulture));

    /// <summary>Nearest-rank percentiles of milliseconds, one line: "n, p50, p90, p95, p99, max".</summary>
    public static string Percentiles(IReadOnlyCollection<double> values)
    {
        if (values.Count == 0)
        {
            return "n 0";
        }

        var sorted = values.Order().ToArray();
        return string.Create(
            CultureInfo.InvariantCulture,
            $"n {sorted.Length}, p50 {At(sorted, 0.50):N0} ms, p90 {At(sorted, 0.90):N0} ms, p95 {At(sorted, 0.95):N0} ms, p99 {At(sorted, 0.99):N0} ms, max {sorted[^1]:N0} ms (min {sorted[0]:N0}, mean {sorted.Average():N0})");
    }

    private static double At(double[] sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}
