namespace Streams.Scoring.Change;

/// <summary>
/// Settings of a host's change detector: every combination of an averaging span, a noise floor
/// and a top-k is one detector, and the host's change score is their median. No single span
/// suits every metric (a disk filling up and a CPU spike change on different time scales), and
/// the median of the grid needs no per-host choice among them. The lists are null until set, and
/// null means the default: configuration binding appends to a list that already has items.
/// </summary>
public sealed record ChangeOptions
{
    private static readonly int[] DefaultSpans = [30, 60, 120, 240];
    private static readonly double[] DefaultFloors = [0.02, 0.05];
    private static readonly int[] DefaultTops = [1, 2];

    /// <summary>Spans of the exponentially weighted mean and variance each window is compared with, in windows (default 30, 60, 120, 240).</summary>
    public IReadOnlyList<int>? Spans { get; init; }

    /// <summary>
    /// Smallest standard deviation a deviation is divided by, as a share of the metric's training
    /// range (default 0.02, 0.05): a metric that was flat for a while must move by more than noise to count as a change.
    /// </summary>
    public IReadOnlyList<double>? Floors { get; init; }

    /// <summary>How many of the most deviating metrics a detector averages (default 1, 2): 1 reacts to one metric, 2 asks for two.</summary>
    public IReadOnlyList<int>? Tops { get; init; }

    /// <summary>
    /// Consecutive windows over the threshold before a change is an anomaly. 1 by default: a
    /// change is over once the recent past has absorbed it, so waiting for a second window misses
    /// onsets, and one-window blips are what alert rules' consecutive-window settings are for.
    /// </summary>
    public int MinDuration { get; init; } = 1;

    internal IReadOnlyList<int> ResolvedSpans => Spans ?? DefaultSpans;

    internal IReadOnlyList<double> ResolvedFloors => Floors ?? DefaultFloors;

    internal IReadOnlyList<int> ResolvedTops => Tops ?? DefaultTops;

    internal int Detectors => ResolvedSpans.Count * ResolvedFloors.Count * ResolvedTops.Count;

    internal int LongestSpan => ResolvedSpans.Max();

    /// <summary>These settings with every default written out, as a trained model records them.</summary>
    public ChangeOptions Resolved() => this with { Spans = [.. ResolvedSpans], Floors = [.. ResolvedFloors], Tops = [.. ResolvedTops] };

    /// <summary>Whether a state kept for these settings can serve <paramref name="other"/>'s.</summary>
    internal bool SameDetectors(ChangeOptions other) => ResolvedSpans.SequenceEqual(other.ResolvedSpans)
        && ResolvedFloors.SequenceEqual(other.ResolvedFloors) && ResolvedTops.SequenceEqual(other.ResolvedTops);

    internal void Validate()
    {
        if (ResolvedSpans.Count == 0 || ResolvedFloors.Count == 0 || ResolvedTops.Count == 0)
        {
            throw new ArgumentException("The change detector needs at least one span, floor and top-k.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(MinDuration, 1);
        foreach (var span in ResolvedSpans)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(span, 2, nameof(Spans));
        }

        foreach (var floor in ResolvedFloors)
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(floor, 0.0, nameof(Floors));
        }

        foreach (var top in ResolvedTops)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(top, 1, nameof(Tops));
        }
    }
}
