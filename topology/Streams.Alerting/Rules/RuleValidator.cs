using System.Text.RegularExpressions;
using io.streams.avro;

namespace Streams.Alerting.Rules;

/// <summary>
/// Checks a rule before it is stored; every problem is reported at once, each prefixed with
/// the field it concerns, so an admin fixes a rule in one round trip.
/// </summary>
public static partial class RuleValidator
{
    public static IReadOnlyList<string> Validate(AlertRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var errors = new List<string>();
        if (!IdPattern().IsMatch(rule.Id))
        {
            errors.Add($"id: '{rule.Id}' must be 1-64 characters of letters, digits, '.', '_' or '-'");
        }

        if (string.IsNullOrWhiteSpace(rule.Name))
        {
            errors.Add("name: required (it becomes the alert's alertname label)");
        }

        if (rule.Version < 1)
        {
            errors.Add($"version: {rule.Version} must be at least 1");
        }

        if (rule.Severity == Severity.UNKNOWN)
        {
            errors.Add("severity: one of info, warning, major, critical");
        }

        if (rule.For < TimeSpan.Zero || rule.For > TimeSpan.FromDays(1))
        {
            errors.Add($"for: {DurationText.Format(rule.For)} must be between 0s and 1d");
        }

        if (rule.EscalateAfter is { } escalate && escalate < TimeSpan.FromMinutes(1))
        {
            errors.Add($"escalateAfter: {DurationText.Format(escalate)} must be at least 1m");
        }

        if (rule.GroupBy.Any(string.IsNullOrWhiteSpace))
        {
            errors.Add("groupBy: label names must not be empty");
        }

        if (rule.Scope.Hosts.Any(string.IsNullOrWhiteSpace))
        {
            errors.Add("scope.hosts: host patterns must not be empty");
        }

        var conditions = new object?[] { rule.Threshold, rule.Anomaly, rule.NoData, rule.Log, rule.Forecast }.Count(c => c is not null);
        if (conditions != 1)
        {
            errors.Add($"a rule has exactly one condition, the one its kind names ('{Field(rule.Kind)}'); it has {conditions}");
        }

        switch (rule.Kind)
        {
            case RuleKind.Threshold:
                ValidateThreshold(rule.Threshold, errors);
                break;
            case RuleKind.Anomaly:
                ValidateAnomaly(rule.Anomaly, errors);
                break;
            case RuleKind.NoData:
                ValidateNoData(rule.NoData, errors);
                break;
            case RuleKind.Log:
                ValidateLog(rule.Log, errors);
                break;
            case RuleKind.Forecast:
                ValidateForecast(rule.Forecast, errors);
                break;
            default:
                errors.Add($"kind: '{rule.Kind}' is not one of threshold, anomaly, noData, log, forecast");
                break;
        }

        return errors;
    }

    private static void ValidateThreshold(ThresholdCondition? threshold, List<string> errors)
    {
        if (threshold is null)
        {
            errors.Add("threshold: required for a threshold rule");
            return;
        }

        if (string.IsNullOrWhiteSpace(threshold.Metric))
        {
            errors.Add("threshold.metric: required (a metric name such as cpu.util)");
        }

        if (!double.IsFinite(threshold.Value))
        {
            errors.Add("threshold.value: must be a finite number");
        }

        if (threshold.Clear is { } clear)
        {
            var firesAbove = threshold.Comparator is Comparator.Above or Comparator.AtLeast;
            if (!double.IsFinite(clear) || (firesAbove ? clear > threshold.Value : clear < threshold.Value))
            {
                errors.Add($"threshold.clear: {clear} must be on the normal side of value {threshold.Value} ({(firesAbove ? "at most" : "at least")} it), or the alert could never clear");
            }
        }
    }

    private static void ValidateAnomaly(AnomalyCondition? anomaly, List<string> errors)
    {
        if (anomaly is null)
        {
            errors.Add("anomaly: required for an anomaly rule");
            return;
        }

        if (anomaly.MinSeverity == Severity.UNKNOWN)
        {
            errors.Add("anomaly.minSeverity: one of info, warning, major, critical");
        }

        if (!(anomaly.MinScoreRatio > 0) || !double.IsFinite(anomaly.MinScoreRatio))
        {
            errors.Add($"anomaly.minScoreRatio: {anomaly.MinScoreRatio} must be a positive number (1 = the model's own threshold)");
        }

        if (anomaly.MinConsecutiveWindows < 1)
        {
            errors.Add($"anomaly.minConsecutiveWindows: {anomaly.MinConsecutiveWindows} must be at least 1");
        }

        if (anomaly.ResolveAfter < TimeSpan.FromSeconds(10))
        {
            errors.Add($"anomaly.resolveAfter: {DurationText.Format(anomaly.ResolveAfter)} must be at least 10s (one window)");
        }
    }

    private static void ValidateNoData(NoDataCondition? noData, List<string> errors)
    {
        if (noData is null)
        {
            errors.Add("noData: required for a noData rule");
            return;
        }

        if (noData.After < TimeSpan.FromSeconds(20))
        {
            errors.Add($"noData.after: {DurationText.Format(noData.After)} must be at least 20s (two windows), or every late window would page");
        }
    }

    private static void ValidateLog(LogCondition? log, List<string> errors)
    {
        if (log is null)
        {
            errors.Add("log: required for a log rule");
            return;
        }

        if (LogSeverityOrder.Rank(log.MinSeverity) < 0)
        {
            errors.Add($"log.minSeverity: '{log.MinSeverity}' is not one of {string.Join(", ", LogSeverityOrder.Names)}");
        }

        if (log.MinCount < 1)
        {
            errors.Add($"log.minCount: {log.MinCount} must be at least 1");
        }

        if (log.NewTemplate && log.ResolveAfter < TimeSpan.FromSeconds(10))
        {
            errors.Add($"log.resolveAfter: {DurationText.Format(log.ResolveAfter)} must be at least 10s");
        }
    }

    private static void ValidateForecast(ForecastCondition? forecast, List<string> errors)
    {
        if (forecast is null)
        {
            errors.Add("forecast: required for a forecast rule");
            return;
        }

        if (string.IsNullOrWhiteSpace(forecast.Metric))
        {
            errors.Add("forecast.metric: required (a forecast metric such as fs.used.percent)");
        }

        if (forecast.Limit is { } limit && !double.IsFinite(limit))
        {
            errors.Add("forecast.limit: must be a finite number, or absent for the forecast's own limit");
        }

        // Forecasts are hourly, so a horizon under an hour is a threshold rule in disguise.
        if (forecast.Horizon < TimeSpan.FromHours(1) || forecast.Horizon > TimeSpan.FromDays(30))
        {
            errors.Add($"forecast.horizon: {DurationText.Format(forecast.Horizon)} must be between 1h and 30d");
        }

        if (!Enum.IsDefined(forecast.Bound))
        {
            errors.Add($"forecast.bound: '{forecast.Bound}' is not one of expected, upper");
        }

        if (forecast.Clear is { } clear && (clear < forecast.Horizon || clear > TimeSpan.FromDays(60)))
        {
            errors.Add($"forecast.clear: {DurationText.Format(clear)} must be at least horizon {DurationText.Format(forecast.Horizon)} (and at most 60d), or the alert could never clear");
        }
    }

    private static string Field(RuleKind kind) => kind switch
    {
        RuleKind.NoData => "noData",
        _ => kind.ToString().ToLowerInvariant(),
    };

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex IdPattern();
}
