namespace Streams.Scoring.Series;

/// <summary>Settings of a series detector that learns as it goes (cold start, unsupervised streams).</summary>
public sealed record OnlineSeriesOptions
{
    public SeriesDetectorOptions Series { get; init; } = new();

    /// <summary>
    /// Optional second model over undifferenced values (DiffN 0): differencing makes the first
    /// model see only changes, so a level that drifts slowly out of its range needs this one.
    /// The point's score is the larger of the two ratios.
    /// </summary>
    public SeriesDetectorOptions? Level { get; init; }

    /// <summary>Values observed before the first model is trained; until then the detector is learning and flags nothing.</summary>
    public int TrainAfter { get; init; } = 750;

    /// <summary>Values between retrainings, each on the latest <see cref="MaxHistory"/> values.</summary>
    public int RetrainEvery { get; init; } = 750;

    public int MaxHistory { get; init; } = 20_000;

    /// <summary>Consecutive points over the threshold before the series is anomalous.</summary>
    public int MinDuration { get; init; } = 1;

    /// <summary>Points after an alarm during which no new alarm is raised: one incident, one alarm.</summary>
    public int Refractory { get; init; }

    internal void Validate()
    {
        Series.Validate();
        Level?.Validate();
        ArgumentOutOfRangeException.ThrowIfLessThan(TrainAfter, Math.Max(Series.History + Series.Clusters, (Level?.History ?? 0) + (Level?.Clusters ?? 0)) + 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(RetrainEvery, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxHistory, TrainAfter);
        ArgumentOutOfRangeException.ThrowIfLessThan(MinDuration, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(Refractory, 0);
    }
}
