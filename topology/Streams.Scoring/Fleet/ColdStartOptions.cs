namespace Streams.Scoring.Fleet;

/// <summary>
/// How a host is judged before its own model exists (<c>Scorer:ColdStart:*</c>): a short-span
/// change detector from its first windows, and a fleet prior (the pooled ranges of the trained
/// hosts of its group) on levels.
/// </summary>
public sealed record ColdStartOptions
{
    /// <summary>Whether hosts without a model are judged at all (false: they only learn, as before).</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>
    /// Span of the change detector's exponentially weighted mean and variance, in windows: 12 =
    /// 2 min of 10 s windows, after which a new host's onsets are judged.
    /// </summary>
    public int ChangeSpan { get; init; } = 12;

    /// <summary>
    /// Deviations, in standard deviations of the span, over which a window is a change. No
    /// training tail exists to calibrate on, so the bar is set by principle: 6 σ is beyond any
    /// noise the span has seen (a Gaussian exceeds it once in 500 million windows; Chebyshev's
    /// bound for any distribution is 2.8 %, and the noise floor below keeps small-variance metrics out).
    /// </summary>
    public double ChangeThreshold { get; init; } = 6;

    /// <summary>
    /// Smallest standard deviation, as a share of the feature's scale (the fleet's range of it,
    /// or its own magnitude, at least 1): a metric that was flat must move by more than noise.
    /// </summary>
    public double ChangeFloor { get; init; } = 0.05;

    /// <summary>
    /// How far beyond the fleet's range, in widths of that range, a level must be to count: 0.5
    /// leaves a new host of the group half as much room again as all its peers together showed.
    /// </summary>
    public double PriorMargin { get; init; } = 0.5;

    /// <summary>Trained hosts of the group a prior needs; below it the host is judged on change only.</summary>
    public int PriorPeers { get; init; } = 2;

    /// <summary>Consecutive windows a level must stay out of the fleet's range before it is an anomaly (as the level half of own models).</summary>
    public int PriorMinDuration { get; init; } = 2;

    /// <summary>
    /// Host groups by name: group → comma-separated host globs (<c>Scorer:ColdStart:Groups:web = web-*,frontend-*</c>).
    /// A host no glob matches is in the group of its name without trailing digits and separators (<c>web-01</c> → <c>web</c>).
    /// </summary>
    public Dictionary<string, string> Groups { get; init; } = new(StringComparer.Ordinal);

    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(ChangeSpan, 2);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ChangeThreshold, 0.0);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ChangeFloor, 0.0);
        ArgumentOutOfRangeException.ThrowIfNegative(PriorMargin);
        ArgumentOutOfRangeException.ThrowIfLessThan(PriorPeers, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(PriorMinDuration, 1);
        ArgumentNullException.ThrowIfNull(Groups);
    }
}
