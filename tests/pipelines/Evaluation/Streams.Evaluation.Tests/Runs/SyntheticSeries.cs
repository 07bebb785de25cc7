namespace Streams.Evaluation.Tests.Runs;

/// <summary>One metric as a host reports it: a noisy cycle around 10 with period 50.</summary>
internal static class SyntheticSeries
{
    /// <param name="rows">Its length.</param>
    /// <param name="step">The row from which the level sits 5 higher for good; null for never.</param>
    /// <param name="seed">The noise's seed.</param>
    public static double[] Cycle(int rows, int? step, int seed = 7)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, rows).Select(i => 10 + Math.Sin(2 * Math.PI * i / 50) + (0.2 * random.NextDouble()) + (i >= step ? 5 : 0))];
    }
}
