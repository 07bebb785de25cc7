namespace Streams.Evaluation.Metrics;

/// <summary>
/// How well a forecast rule's alerts predict labelled failures, for the rule's horizon <c>H</c>
/// ("exhausted within H"). Each alert episode (<see cref="PredictionEpisode"/>: the rule firing on
/// one series, from when it fires until it clears, with the rule's for-duration and hysteresis) is
/// one <em>prediction</em>, true when a failure of its host follows its start within <c>H</c>. A failure
/// at <c>f</c> is <em>predicted</em> when an episode of its host fires at some time in
/// [<c>f − H</c>, <c>f</c>); its lead time is <c>f</c> minus the first such time. Episodes that start
/// once the host has failed are left out: the failure is known by then, not predicted.
/// </summary>
/// <param name="OnHealthyHosts">How many of the predictions were on hosts that never fail (the others that are false came too early or on a host failing otherwise).</param>
internal sealed record FailurePrediction(int Failures, int Predicted, int Predictions, int TruePredictions, int OnHealthyHosts, IReadOnlyList<TimeSpan> LeadTimes)
{
    /// <summary>Predicted failures over failures; NaN without a failure.</summary>
    public double Recall => Failures == 0 ? double.NaN : Predicted / (double)Failures;

    /// <summary>True predictions over predictions; NaN without a prediction.</summary>
    public double Precision => Predictions == 0 ? double.NaN : TruePredictions / (double)Predictions;

    /// <summary>Median lead time over predicted failures; null without one.</summary>
    public TimeSpan? MedianLead => Lead(50);

    /// <summary>The 10th percentile of lead time: nine predicted failures in ten had at least this long.</summary>
    public TimeSpan? P10Lead => Lead(10);

    /// <param name="healthy">Hosts without any failure, whose predictions are counted apart; null: none.</param>
    public static FailurePrediction Score(IReadOnlyList<LabelledFailure> failures, IReadOnlyList<PredictionEpisode> episodes, TimeSpan horizon, IReadOnlySet<string>? healthy = null)
    {
        ArgumentNullException.ThrowIfNull(failures);
        ArgumentNullException.ThrowIfNull(episodes);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(horizon, TimeSpan.Zero);

        var failedAt = failures.GroupBy(f => f.Host, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Min(f => f.At), StringComparer.Ordinal);
        var byHost = episodes.ToLookup(e => e.Host, StringComparer.Ordinal);

        var leads = new List<TimeSpan>();
        foreach (var failure in failures)
        {
            var windowStart = failure.At - horizon;
            var first = byHost[failure.Host]
                .Where(e => e.Start < failure.At && (e.End is not { } end || end > windowStart))
                .Select(e => e.Start > windowStart ? e.Start : windowStart)
                .Cast<DateTimeOffset?>()
                .Min();
            if (first is { } at)
            {
                leads.Add(failure.At - at);
            }
        }

        int predictions = 0, truePredictions = 0, onHealthy = 0;
        foreach (var episode in episodes)
        {
            if (failedAt.TryGetValue(episode.Host, out var failed) && episode.Start >= failed)
            {
                continue;
            }

            predictions++;
            onHealthy += healthy?.Contains(episode.Host) == true ? 1 : 0;
            if (failures.Any(f => f.Host == episode.Host && f.At >= episode.Start && f.At - episode.Start <= horizon))
            {
                truePredictions++;
            }
        }

        return new FailurePrediction(failures.Count, leads.Count, predictions, truePredictions, onHealthy, leads);
    }

    private TimeSpan? Lead(double percent) =>
        LeadTimes.Count == 0 ? null : TimeSpan.FromSeconds(DetectionDelays.Percentile(LeadTimes.Select(l => l.TotalSeconds), percent));
}
