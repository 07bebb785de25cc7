namespace Streams.Scoring.Change;

/// <summary>
/// Settings of a host's change detector: every combination of an averaging span, a noise floor
/// and a top-k is one detector, and the host's change score is their median. No single span
/// suits every metric (a disk filling up and a CPU spike change on different time scales), and
/// the median of the grid needs no per-host choice among them.
/// </summary>
public sealed record ChangeOptions
{
    /// <summary>Spans of the exponentially weighted mean and variance each window is compared with, in windows.</summary>
    public IReadOnlyList<int> Spans { get; init; } = [30, 60, 120, 240];

    /// <summary>
    /// Smallest standard deviation a deviation is divided by, as a share of the metric's training
    /// range: a metric that was flat for a while must move by more than noise to count as a change.
    /// </summary>
    public IReadOnlyList<double> Floors { get; init; } = [0.02, 0.05];

    /// <summary>How many of the most deviating metrics a detector averages: 1 reacts to one metric, 2 asks for two.</summary>
    public IReadOnlyList<int> Tops { get; init; } = [1, 2];

    /// <summary>
    /// Consecutive windows over the threshold before a change is an anomaly. 1 by default: a
    /// change is over once the recent past has absorbed it, so waiting for a second window misses
    /// onsets, and one-window blips are what alert rules' consecutive-window settings are for.
    /// </summary>
    public int MinDuration { get; init; } = 1;

    internal int Detectors => Spans.Count * Floors.Count * Tops.Count;

    internal int LongestSpan => Spans.Max();

    internal void Validate()
    {
        if (Spans.Count == 0 || Floors.Count == 0 || Tops.Count == 0)
        {
            throw new ArgumentException("The change detector needs at least one span, floor and top-k.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(MinDuration, 1);
        foreach (var span in Spans)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(span, 2, nameof(Spans));
        }

        foreach (var floor in Floors)
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(floor, 0.0, nameof(Floors));
        }

        foreach (var top in Tops)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(top, 1, nameof(Tops));
        }
    }
}
