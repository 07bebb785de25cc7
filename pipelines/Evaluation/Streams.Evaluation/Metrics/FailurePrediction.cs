namespace Streams.Evaluation.Metrics;

/// <summary>
/// How well exhaustion forecasts predict labelled failures, for one horizon <c>H</c> (a forecast
/// rule's: "full within H"). A forecast cycle <em>predicts</em> when its expected exhaustion is at
/// most <c>H</c> after the cycle. A failure at <c>f</c> is <em>predicted</em> when some cycle of its
/// host in [<c>f − H</c>, <c>f</c>) predicts; its lead time is <c>f</c> minus the first such cycle.
/// Consecutive predicting cycles of one series are one <em>prediction</em> (one alert: it fires once
/// and stays firing), true when a failure of its host follows its start within <c>H</c>. Predictions
/// that start once the host has failed are left out: the failure is known by then, not predicted.
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
    public static FailurePrediction Score(IReadOnlyList<LabelledFailure> failures, IReadOnlyList<ForecastCycleResult> cycles, TimeSpan horizon, IReadOnlySet<string>? healthy = null)
    {
        ArgumentNullException.ThrowIfNull(failures);
        ArgumentNullException.ThrowIfNull(cycles);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(horizon, TimeSpan.Zero);

        bool Predicts(ForecastCycleResult c) => c.ExhaustedAt is { } at && at - c.At <= horizon;

        var failedAt = failures.GroupBy(f => f.Host, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Min(f => f.At), StringComparer.Ordinal);
        var byHost = cycles.Where(Predicts).GroupBy(c => c.Host, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(c => c.At).Order().ToArray(), StringComparer.Ordinal);

        var leads = new List<TimeSpan>();
        foreach (var failure in failures)
        {
            var first = byHost.TryGetValue(failure.Host, out var times)
                ? times.Where(t => t >= failure.At - horizon && t < failure.At).Cast<DateTimeOffset?>().FirstOrDefault()
                : null;
            if (first is { } at)
            {
                leads.Add(failure.At - at);
            }
        }

        int predictions = 0, truePredictions = 0, onHealthy = 0;
        foreach (var series in cycles.GroupBy(c => (c.Host, c.Series)))
        {
            var previous = false;
            foreach (var cycle in series.OrderBy(c => c.At))
            {
                var predicts = Predicts(cycle);
                if (predicts && !previous && !(failedAt.TryGetValue(cycle.Host, out var failed) && cycle.At >= failed))
                {
                    predictions++;
                    onHealthy += healthy?.Contains(cycle.Host) == true ? 1 : 0;
                    if (failures.Any(f => f.Host == cycle.Host && f.At >= cycle.At && f.At - cycle.At <= horizon))
                    {
                        truePredictions++;
                    }
                }

                previous = predicts;
            }
        }

        return new FailurePrediction(failures.Count, leads.Count, predictions, truePredictions, onHealthy, leads);
    }

    private TimeSpan? Lead(double percent) =>
        LeadTimes.Count == 0 ? null : TimeSpan.FromSeconds(DetectionDelays.Percentile(LeadTimes.Select(l => l.TotalSeconds), percent));
}
