using System.Globalization;
using io.streams.avro;
using Streams.Alerting.Lifecycle;
using Streams.Alerting.Rules;

namespace Streams.Alerting.Evaluation;

/// <summary>
/// Turns one input record of a host (a metric window, an anomaly, a log window) into the
/// verdicts of the rules that cover the host. It also keeps what the host's record says about
/// the host itself: when it was last seen and the tags its anomalies carry.
/// </summary>
public static class RuleEvaluator
{
    /// <param name="window">The window.</param>
    /// <param name="host">The host's state.</param>
    /// <param name="rules">The current rules.</param>
    /// <param name="receivedAt">Wall-clock arrival, UTC ms: no-data rules time arrivals, not event time, so a replay of old data does not look like a dead fleet.</param>
    public static IEnumerable<Observation> OnMetricWindow(MetricWindow window, HostAlerts host, IEnumerable<AlertRule> rules, long receivedAt)
    {
        ArgumentNullException.ThrowIfNull(window);
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(rules);
        host.LastSeen = Math.Max(host.LastSeen, receivedAt);
        var observations = new List<Observation>();
        foreach (var rule in rules.Where(r => r.Scope.Covers(window.host, host.Tags)))
        {
            if (rule.Kind == RuleKind.NoData)
            {
                observations.Add(new Observation(rule, Identity(window.host), Verdict.Clear, null));
            }
            else if (rule.Kind == RuleKind.Threshold)
            {
                var threshold = rule.Threshold!;
                foreach (var series in window.series.Where(s => s.metric == threshold.Metric && (threshold.Series is null || RuleScopeMatch.Matches(threshold.Series, s.series))))
                {
                    var value = Statistic(series, threshold.Statistic);
                    if (double.IsNaN(value))
                    {
                        // A window with no reading of the series (only a gap marker or forward fills,
                        // e.g. an agent's first pass after a restart, which has no rates yet) says
                        // nothing either way: judged Clear, it resolved a firing alert that then fired again.
                        continue;
                    }

                    observations.Add(new Observation(rule, Identity(window.host, AlertLabels.Series, series.series), Judge(threshold, value), value));
                }
            }
        }

        return observations;
    }

    public static IEnumerable<Observation> OnAnomaly(Anomaly anomaly, HostAlerts host, IEnumerable<AlertRule> rules)
    {
        ArgumentNullException.ThrowIfNull(anomaly);
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(rules);
        foreach (var (name, value) in anomaly.tags)
        {
            host.Tags[name] = value;
        }

        var ratio = anomaly.threshold > 0 ? anomaly.score / anomaly.threshold : double.PositiveInfinity;
        var details = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["contributors"] = string.Join(", ", anomaly.contributions.Take(5).Select(c => $"{c.series} {(c.share * 100).ToString("0", CultureInfo.InvariantCulture)}%")),
            ["model"] = anomaly.modelVersion.Length > 0 ? $"{anomaly.model} {anomaly.modelVersion}" : anomaly.model,
        };
        var observations = new List<Observation>();
        foreach (var rule in rules.Where(r => r.Kind == RuleKind.Anomaly && r.Scope.Covers(anomaly.host, host.Tags)))
        {
            var condition = rule.Anomaly!;
            if (anomaly.severity >= condition.MinSeverity
                && ratio >= condition.MinScoreRatio
                && anomaly.consecutiveWindows >= condition.MinConsecutiveWindows
                && (condition.Models.Count == 0 || condition.Models.Contains(anomaly.model)))
            {
                var identity = condition.PerSeries
                    ? Identity(anomaly.host, AlertLabels.Series, anomaly.series ?? "host")
                    : Identity(anomaly.host);
                observations.Add(new Observation(rule, identity, Verdict.Match, anomaly.score, anomaly.id, details));
            }
        }

        return observations;
    }

    public static IEnumerable<Observation> OnLogWindow(LogWindow window, HostAlerts host, IEnumerable<AlertRule> rules)
    {
        ArgumentNullException.ThrowIfNull(window);
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(rules);
        var observations = new List<Observation>();
        foreach (var rule in rules.Where(r => r.Kind == RuleKind.Log && r.Scope.Covers(window.host, host.Tags)))
        {
            var condition = rule.Log!;
            if (condition.App is { } app && !RuleScopeMatch.Matches(app, window.app))
            {
                continue;
            }

            var identity = Identity(window.host, AlertLabels.App, window.app);
            if (condition.NewTemplate)
            {
                var fresh = window.templates.Where(t => t.isNew).ToList();
                if (fresh.Count > 0)
                {
                    var details = new Dictionary<string, string>(StringComparer.Ordinal) { ["templates"] = string.Join(" | ", fresh.Take(3).Select(t => t.template)) };
                    observations.Add(new Observation(rule, identity, Verdict.Match, fresh.Count, Details: details));
                }

                continue;
            }

            var rank = LogSeverityOrder.Rank(condition.MinSeverity);
            var count = window.severityCounts.Where(c => LogSeverityOrder.Rank(c.Key) is >= 0 and var r && r <= rank).Sum(c => c.Value);
            observations.Add(new Observation(rule, identity, count >= condition.MinCount ? Verdict.Match : Verdict.Clear, count));
        }

        return observations;
    }

    /// <param name="forecast">The forecaster's forecast of one series.</param>
    /// <param name="host">The host's state.</param>
    /// <param name="rules">The current rules.</param>
    /// <param name="now">UTC ms: the time to exhaustion is counted from now, not from the forecast's origin.</param>
    public static IEnumerable<Observation> OnForecast(Forecast forecast, HostAlerts host, IEnumerable<AlertRule> rules, long now)
    {
        ArgumentNullException.ThrowIfNull(forecast);
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(rules);
        var observations = new List<Observation>();
        foreach (var rule in rules.Where(r => r.Kind == RuleKind.Forecast && r.Scope.Covers(forecast.host, host.Tags)))
        {
            var condition = rule.Forecast!;
            if (forecast.metric != condition.Metric || (condition.Series is not null && !RuleScopeMatch.Matches(condition.Series, forecast.series)))
            {
                continue;
            }

            var (expected, upper, lower) = Exhaustion(forecast, condition.Limit);
            var reached = condition.Bound == ForecastBound.Upper ? upper : expected;
            var left = reached is { } at ? TimeSpan.FromMilliseconds(Math.Max(0, new DateTimeOffset(at).ToUnixTimeMilliseconds() - now)) : (TimeSpan?)null;
            var verdict = left <= condition.Horizon ? Verdict.Match : left <= condition.Clear ? Verdict.Hold : Verdict.Clear;
            var details = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["predicted"] = Time(expected),
                ["band"] = $"between {Time(upper)} and {Time(lower)}",
                ["model"] = forecast.model.ToString(),
            };
            observations.Add(new Observation(rule, Identity(forecast.host, AlertLabels.Series, forecast.series), verdict, left?.TotalHours, Details: details));
        }

        return observations;
    }

    /// <summary>
    /// The forecast's times to exhaustion (expected, limit-side bound, other bound); for a rule's own
    /// limit, the first crossing of each by the points, interpolated between steps.
    /// </summary>
    private static (DateTime? Expected, DateTime? Upper, DateTime? Lower) Exhaustion(Forecast forecast, double? limit)
    {
        if (limit is not { } value)
        {
            return (forecast.exhaustionExpected, forecast.exhaustionEarliest, forecast.exhaustionLatest);
        }

        var falling = forecast.direction == ExhaustionDirection.FALLING;
        DateTime? Crossing(Func<ForecastPoint, double> of)
        {
            bool Reached(double v) => falling ? v <= value : v >= value;
            var (previousAt, previous) = (forecast.origin, forecast.lastValue);
            if (Reached(previous))
            {
                return previousAt;
            }

            foreach (var point in forecast.points)
            {
                var current = of(point);
                if (Reached(current))
                {
                    return previousAt + ((point.at - previousAt) * ((value - previous) / (current - previous)));
                }

                (previousAt, previous) = (point.at, current);
            }

            return null;
        }

        return (Crossing(p => p.expected), Crossing(p => falling ? p.lower : p.upper), Crossing(p => falling ? p.upper : p.lower));
    }

    private static string Time(DateTime? at) => at is { } t ? t.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) : "beyond the horizon";

    private static Verdict Judge(ThresholdCondition threshold, double value)
    {
        if (Compare(threshold.Comparator, value, threshold.Value))
        {
            return Verdict.Match;
        }

        // Hysteresis: still on the firing side of the clear value.
        return threshold.Clear is { } clear && Compare(threshold.Comparator, value, clear) ? Verdict.Hold : Verdict.Clear;
    }

    private static bool Compare(Comparator comparator, double value, double threshold) => comparator switch
    {
        Comparator.Above => value > threshold,
        Comparator.AtLeast => value >= threshold,
        Comparator.Below => value < threshold,
        _ => value <= threshold,
    };

    private static double Statistic(SeriesStats series, WindowStatistic statistic) => statistic switch
    {
        WindowStatistic.Max => series.max,
        WindowStatistic.Min => series.min,
        WindowStatistic.P95 => series.p95,
        WindowStatistic.Last => series.last,
        _ => series.mean,
    };

    private static Dictionary<string, string> Identity(string host, string? name = null, string? value = null)
    {
        var identity = new Dictionary<string, string>(StringComparer.Ordinal) { [AlertLabels.Host] = host };
        if (name is not null)
        {
            identity[name] = value ?? string.Empty;
        }

        return identity;
    }
}
