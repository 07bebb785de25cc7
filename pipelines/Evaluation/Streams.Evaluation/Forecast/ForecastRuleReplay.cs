using io.streams.avro;
using AvroForecast = io.streams.avro.Forecast;
using Streams.Alerting.Evaluation;
using Streams.Alerting.Lifecycle;
using Streams.Alerting.Rules;
using Streams.Alerting.Silences;
using Streams.Evaluation.Metrics;

namespace Streams.Evaluation.Forecast;

/// <summary>
/// Forecast rules judged over forecasts in the order the forecaster made them, by the alerting
/// role's own <see cref="RuleEvaluator.OnForecast"/> and <see cref="AlertLifecycle"/> (for-duration,
/// hysteresis), each forecast at the time it was made, as the role judges it on arrival; no
/// silences, acknowledgements or host-down inhibition. What comes out is each rule's firing episodes,
/// so an evaluation counts alerts as the role would raise them, not forecast by forecast.
/// </summary>
internal sealed class ForecastRuleReplay
{
    private readonly AlertRule[] rules;
    private readonly AlertLifecycle lifecycle;
    private readonly Dictionary<string, HostAlerts> hosts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<PredictionEpisode>> episodes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> open = new(StringComparer.Ordinal);

    public ForecastRuleReplay(IReadOnlyList<AlertRule> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        if (rules.Any(r => r.Kind != RuleKind.Forecast))
        {
            throw new ArgumentException("Only forecast rules are replayed over forecasts.", nameof(rules));
        }

        this.rules = [.. rules];
        lifecycle = new AlertLifecycle(new AlertingOptions(), new RuleBook(rules), new SilenceBook(), new AcknowledgementBook());
        foreach (var rule in rules)
        {
            episodes[rule.Id] = [];
        }
    }

    /// <summary>Judges <paramref name="forecast"/> at the time it was made; forecasts must come in time order.</summary>
    public void Observe(AvroForecast forecast)
    {
        ArgumentNullException.ThrowIfNull(forecast);
        var now = new DateTimeOffset(DateTime.SpecifyKind(forecast.generatedAt, DateTimeKind.Utc)).ToUnixTimeMilliseconds();
        var host = hosts.TryGetValue(forecast.host, out var known) ? known : hosts[forecast.host] = new HostAlerts();

        // The role's timer runs between arrivals: a for-duration can elapse before the next forecast.
        Record(lifecycle.Tick(forecast.host, host, now));
        Record(lifecycle.Observe(host, RuleEvaluator.OnForecast(forecast, host, rules, now), now));
    }

    /// <summary>The firing episodes of rule <paramref name="ruleId"/> so far, in the order they started.</summary>
    public IReadOnlyList<PredictionEpisode> Episodes(string ruleId) => episodes[ruleId];

    private void Record(IReadOnlyList<Alert> changes)
    {
        foreach (var alert in changes)
        {
            var at = new DateTimeOffset(DateTime.SpecifyKind(alert.updatedAt, DateTimeKind.Utc));
            var list = episodes[alert.ruleId];
            var firing = open.TryGetValue(alert.fingerprint, out var index);
            if (alert.state == AlertState.FIRING && !firing)
            {
                open[alert.fingerprint] = list.Count;
                list.Add(new PredictionEpisode(alert.labels[AlertLabels.Host], alert.labels[AlertLabels.Series], at, null));
            }
            else if (alert.state == AlertState.RESOLVED && firing)
            {
                list[index] = list[index] with { End = at };
                open.Remove(alert.fingerprint);
            }
        }
    }
}
