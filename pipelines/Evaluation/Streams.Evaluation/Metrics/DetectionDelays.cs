namespace Streams.Evaluation.Metrics;

/// <summary>
/// How late each detected event was caught: from the event's first labelled row to its first
/// alarm, in rows (windows) and in seconds. Undetected events have no delay; they count against
/// event recall instead. Delays of several files concatenate, so the pooled median and p90 are
/// over every detected event.
/// </summary>
internal sealed class DetectionDelays
{
    private readonly List<(int Windows, double Seconds)> _delays = [];

    public int Count => _delays.Count;

    public double MedianWindows => Percentile(_delays.Select(d => (double)d.Windows), 50);

    public double P90Windows => Percentile(_delays.Select(d => (double)d.Windows), 90);

    public double MedianSeconds => Percentile(_delays.Select(d => d.Seconds), 50);

    public double P90Seconds => Percentile(_delays.Select(d => d.Seconds), 90);

    /// <summary>The delays of <paramref name="predicted"/> against <paramref name="labels"/>; <paramref name="seconds"/> gives the time between two rows.</summary>
    public static DetectionDelays Of(ReadOnlySpan<bool> predicted, ReadOnlySpan<bool> labels, Func<int, int, double> seconds)
    {
        ArgumentNullException.ThrowIfNull(seconds);
        if (predicted.Length != labels.Length)
        {
            throw new ArgumentException($"{predicted.Length} predictions for {labels.Length} labels.", nameof(predicted));
        }

        var delays = new DetectionDelays();
        foreach (var labelled in Interval.Runs(labels))
        {
            var start = (int)labelled.Start;
            var hit = predicted[start..(int)labelled.End].IndexOf(true);
            if (hit >= 0)
            {
                delays._delays.Add((hit, seconds(start, start + hit)));
            }
        }

        return delays;
    }

    public void Add(DetectionDelays other)
    {
        ArgumentNullException.ThrowIfNull(other);
        _delays.AddRange(other._delays);
    }

    /// <summary>Linear interpolation between closest ranks (numpy's default); NaN without a detected event.</summary>
    internal static double Percentile(IEnumerable<double> values, double percent)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        var rank = percent / 100 * (sorted.Length - 1);
        var low = (int)Math.Floor(rank);
        var high = Math.Min(low + 1, sorted.Length - 1);
        return sorted[low] + ((rank - low) * (sorted[high] - sorted[low]));
    }
}
