namespace Streams.Evaluation.Metrics;

/// <summary>A half-open time interval [Start, End); row i of a series is [i, i + 1), as the affiliation metrics read a binary vector.</summary>
internal readonly record struct Interval(double Start, double End)
{
    public double Length => End - Start;

    /// <summary>The overlap with <paramref name="other"/>, null when it is empty or a single point.</summary>
    public Interval? Intersect(Interval other)
    {
        var start = Math.Max(Start, other.Start);
        var end = Math.Min(End, other.End);
        return start < end ? new Interval(start, end) : null;
    }

    /// <summary>The maximal runs of true as intervals [first, last + 1).</summary>
    public static List<Interval> Runs(ReadOnlySpan<bool> flags)
    {
        var runs = new List<Interval>();
        for (var i = 0; i < flags.Length;)
        {
            if (!flags[i])
            {
                i++;
                continue;
            }

            var start = i;
            while (i < flags.Length && flags[i])
            {
                i++;
            }

            runs.Add(new Interval(start, i));
        }

        return runs;
    }
}
