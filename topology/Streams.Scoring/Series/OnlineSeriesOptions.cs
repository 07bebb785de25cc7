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

    /// <summary>
    /// Settings for a stream that must learn from scratch (NAB's protocol, a new series in
    /// production): learns for <paramref name="probation"/> values, retrains every probation
    /// length on all of its history, adds the level model and, after an alarm, stays quiet for
    /// 0.3 probation lengths. <paramref name="base"/> keeps its seed and iterations; its
    /// features, clusters and risk are replaced by <see cref="ColdStartSeries"/>.
    /// </summary>
    /// <remarks>
    /// How the parameters were chosen: once, globally, on the 24 NAB server files (NAB's protocol
    /// tunes a detector's settings on the corpus once; nothing is tuned per file), from a grid over
    /// clusters {2, 4, 6, 8, 10, 16}, smoothing {1, 3}, lags {1, 2, 3, 5}, POT risk {1e-2, 3e-3,
    /// 1e-3, 3e-4, 1e-4, 1e-5} and refractory {0.1, 0.2, 0.3, 0.5, 0.6, 1} probation lengths,
    /// taking a point whose neighbours score about as well (NAB standard 54–60 around it). A
    /// Numenta-style anomaly-likelihood layer over the raw distance was tried too and scored no
    /// better, so the raw distance over its POT threshold is what alarms.
    /// The quiet span of 0.3 probation lengths (4.5 % of a NAB file of up to 5,000 rows) is about one NAB window: NAB
    /// credits only the first detection in a window, so a second one there can only cost.
    /// </remarks>
    public static OnlineSeriesOptions ColdStart(int probation, SeriesDetectorOptions? @base = null)
    {
        var series = (@base ?? new SeriesDetectorOptions()) with
        {
            SmoothN = ColdStartSeries.SmoothN,
            LagN = ColdStartSeries.LagN,
            Clusters = ColdStartSeries.Clusters,
            Risk = ColdStartSeries.Risk,
        };
        var learn = Math.Max(probation, series.History + series.Clusters + 1);
        return new OnlineSeriesOptions
        {
            Series = series,
            Level = series with { DiffN = 0 },
            TrainAfter = learn,
            RetrainEvery = learn,
            MaxHistory = Math.Max(20_000, learn),
            Refractory = (int)(0.3 * learn),
        };
    }

    /// <summary>
    /// Per-series settings of <see cref="ColdStart"/>: unsmoothed differences (a cold-start model
    /// must react on the first anomalous point: NAB rewards the earliest detection), three lags,
    /// eight clusters (a short history has several regimes that two centroids would blur) and a
    /// POT risk of 3e-3, the false-alarm budget at which NAB's reward for caught windows
    /// outweighs the cost of false positives.
    /// </summary>
    public static SeriesDetectorOptions ColdStartSeries { get; } = new() { SmoothN = 1, LagN = 2, Clusters = 8, Risk = 3e-3 };

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
