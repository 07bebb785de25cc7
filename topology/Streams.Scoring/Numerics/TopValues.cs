namespace Streams.Scoring.Numerics;

/// <summary>The k largest of a stream of values, kept in a caller's span so scoring allocates nothing.</summary>
internal static class TopValues
{
    /// <summary>Keeps <paramref name="top"/> as the largest values seen, in descending order.</summary>
    public static void Insert(Span<double> top, double value)
    {
        for (var i = 0; i < top.Length; i++)
        {
            if (value > top[i])
            {
                top[i..^1].CopyTo(top[(i + 1)..]);
                top[i] = value;
                return;
            }
        }
    }
}
