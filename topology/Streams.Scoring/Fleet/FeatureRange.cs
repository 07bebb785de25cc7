namespace Streams.Scoring.Fleet;

/// <summary>The range a feature kept in a host's training windows (its 0.5 % and 99.5 % quantiles), as the fleet prior pools them.</summary>
public sealed record FeatureRange(string Name, double Low, double High)
{
    /// <summary>
    /// The ranges of <paramref name="rows"/> (row-major, one row per window, in
    /// <paramref name="names"/>' order). Quantiles rather than the extremes, so one incident the
    /// host lived through does not widen what the fleet calls normal.
    /// </summary>
    public static IReadOnlyList<FeatureRange> Of(IReadOnlyList<string> names, ReadOnlySpan<double> rows)
    {
        ArgumentNullException.ThrowIfNull(names);
        var dimension = names.Count;
        if (dimension == 0 || rows.Length % dimension != 0 || rows.IsEmpty)
        {
            return [];
        }

        var count = rows.Length / dimension;
        var column = new double[count];
        var ranges = new FeatureRange[dimension];
        for (var d = 0; d < dimension; d++)
        {
            for (var i = 0; i < count; i++)
            {
                column[i] = rows[(i * dimension) + d];
            }

            Array.Sort(column);
            ranges[d] = new FeatureRange(names[d], column[Rank(0.005, count)], column[Rank(0.995, count)]);
        }

        return ranges;
    }

    private static int Rank(double level, int count) => Math.Clamp((int)Math.Ceiling(level * count) - 1, 0, count - 1);
}
