namespace Streams.Forecasting.Numerics;

/// <summary>Gap handling for the steps that need a complete grid (season detection, model start values).</summary>
internal static class Gaps
{
    /// <summary>Gaps filled by linear interpolation; leading and trailing gaps take the nearest value.</summary>
    public static double[] Interpolate(ReadOnlySpan<double> values)
    {
        var filled = values.ToArray();
        var previous = -1;
        for (var i = 0; i < filled.Length; i++)
        {
            if (double.IsNaN(filled[i]))
            {
                continue;
            }

            if (previous < 0)
            {
                Array.Fill(filled, filled[i], 0, i);
            }
            else if (i - previous > 1)
            {
                var slope = (filled[i] - filled[previous]) / (i - previous);
                for (var j = previous + 1; j < i; j++)
                {
                    filled[j] = filled[previous] + (slope * (j - previous));
                }
            }

            previous = i;
        }

        if (previous >= 0 && previous < filled.Length - 1)
        {
            Array.Fill(filled, filled[previous], previous + 1, filled.Length - previous - 1);
        }

        return filled;
    }

    public static int CountObserved(ReadOnlySpan<double> values)
    {
        var count = 0;
        foreach (var value in values)
        {
            if (!double.IsNaN(value))
            {
                count++;
            }
        }

        return count;
    }
}
