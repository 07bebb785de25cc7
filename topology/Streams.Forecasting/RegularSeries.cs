namespace Streams.Forecasting;

/// <summary>
/// One series sampled at a regular step: <c>Values[i]</c> is the value at <c>Start + i·Step</c>,
/// <see cref="double.NaN"/> where the rollup has no row (a gap).
/// </summary>
internal sealed record RegularSeries(DateTimeOffset Start, TimeSpan Step, double[] Values)
{
    public int Count => Values.Length;

    public DateTimeOffset TimeAt(int index) => Start + (Step * index);

    /// <summary>Builds the regular grid from (time, value) rows; rows off the grid go to the nearest slot.</summary>
    public static RegularSeries FromRows(DateTimeOffset start, DateTimeOffset end, TimeSpan step, IEnumerable<(DateTimeOffset At, double Value)> rows)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(step, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(end, start);
        ArgumentNullException.ThrowIfNull(rows);
        var count = (int)((end - start).Ticks / step.Ticks) + 1;
        var values = new double[count];
        Array.Fill(values, double.NaN);
        foreach (var (at, value) in rows)
        {
            var index = (int)Math.Round((at - start).Ticks / (double)step.Ticks);
            if (index >= 0 && index < count && double.IsFinite(value))
            {
                values[index] = value;
            }
        }

        return new RegularSeries(start, step, values);
    }
}
