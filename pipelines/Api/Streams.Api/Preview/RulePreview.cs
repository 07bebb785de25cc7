using io.streams.avro;
using Streams.Alerting.Evaluation;
using Streams.Alerting.Lifecycle;
using Streams.Alerting.Rules;
using Streams.Alerting.Silences;
using Streams.Api.Contracts;
using Streams.Api.Data;

namespace Streams.Api.Preview;

/// <summary>
/// How often a candidate rule would have fired: the rule's inputs of the last hours read back
/// from ClickHouse (metric_windows for threshold and no-data rules, anomalies for anomaly rules,
/// forecasts for forecast rules) and replayed in time order through the same <see cref="RuleEvaluator"/> and
/// <see cref="AlertLifecycle"/> the alerting role runs, with only this rule, no silences and no
/// acknowledgements, the clock advanced from the records' own times and ticked every 10 s as
/// the role's timer would. A forecast is judged at the time the forecaster made it, as the role
/// judges it on arrival. Log rules are not previewed (their windows are not in ClickHouse).
/// </summary>
internal sealed class RulePreview(ApiClickHouse clickHouse)
{
    /// <summary>Records replayed at most, so a preview over a large fleet stays bounded in memory and time.</summary>
    public const int MaxRecords = 2_000_000;

    private const long TickMs = 10_000;

    public async Task<PreviewResult> RunAsync(AlertRule rule, int hours, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var to = DateTimeOffset.UtcNow;
        var from = to.AddHours(-hours);
        var inputs = rule.Kind switch
        {
            RuleKind.Anomaly => await AnomaliesAsync(from, cancellationToken),
            RuleKind.Forecast => await ForecastsAsync(rule.Forecast!, from, cancellationToken),
            _ => await WindowsAsync(rule, from, cancellationToken),
        };

        var lifecycle = new AlertLifecycle(new AlertingOptions(), new RuleBook([rule]), new SilenceBook(), new AcknowledgementBook());
        var hosts = new Dictionary<string, HostAlerts>(StringComparer.Ordinal);
        var episodes = new Dictionary<string, List<(string Host, long Start, long? End)>>(StringComparer.Ordinal);
        var rules = new[] { rule };
        var next = from.ToUnixTimeMilliseconds() + TickMs;
        foreach (var input in inputs)
        {
            for (; next <= input.Time; next += TickMs)
            {
                Tick(lifecycle, hosts, rule, next, episodes);
            }

            var host = hosts.TryGetValue(input.Host, out var known) ? known : hosts[input.Host] = new HostAlerts();
            var observations = input switch
            {
                { Window: { } window } => RuleEvaluator.OnMetricWindow(window, host, rules, input.Time),
                { Forecast: { } forecast } => RuleEvaluator.OnForecast(forecast, host, rules, input.Time),
                _ => RuleEvaluator.OnAnomaly(input.Anomaly!, host, rules),
            };
            Record(lifecycle.Observe(host, observations, input.Time), episodes);
        }

        for (; next <= to.ToUnixTimeMilliseconds(); next += TickMs)
        {
            Tick(lifecycle, hosts, rule, next, episodes);
        }

        var byHost = episodes.Values.SelectMany(e => e)
            .GroupBy(e => e.Host, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new PreviewHost(g.Key, [.. g.OrderBy(e => e.Start).Select(e => new PreviewEpisode(
                DateTimeOffset.FromUnixTimeMilliseconds(e.Start), e.End is { } end ? DateTimeOffset.FromUnixTimeMilliseconds(end) : null))]))
            .ToList();
        return new PreviewResult(byHost.Sum(h => h.Episodes.Count), byHost, inputs.Count, from, to);
    }

    private static void Tick(AlertLifecycle lifecycle, Dictionary<string, HostAlerts> hosts, AlertRule rule, long now, Dictionary<string, List<(string, long, long?)>> episodes)
    {
        foreach (var (name, host) in hosts)
        {
            // Only hosts with something to time: an open alert, or any host under a no-data rule.
            if (rule.Kind == RuleKind.NoData || host.Alerts.Values.Any(a => a.Phase != AlertPhase.Resolved))
            {
                Record(lifecycle.Tick(name, host, now), episodes);
            }
        }
    }

    private static void Record(IReadOnlyList<Alert> changes, Dictionary<string, List<(string Host, long Start, long? End)>> episodes)
    {
        foreach (var alert in changes)
        {
            var list = episodes.TryGetValue(alert.fingerprint, out var known) ? known : episodes[alert.fingerprint] = [];
            var open = list.Count > 0 && list[^1].End is null;
            var at = new DateTimeOffset(DateTime.SpecifyKind(alert.updatedAt, DateTimeKind.Utc)).ToUnixTimeMilliseconds();
            if (alert.state == AlertState.FIRING && !open)
            {
                list.Add((alert.labels.TryGetValue("host", out var host) ? host : string.Empty, at, null));
            }
            else if (alert.state == AlertState.RESOLVED && open)
            {
                list[^1] = list[^1] with { End = at };
            }
        }
    }

    private async Task<List<PreviewInput>> WindowsAsync(AlertRule rule, DateTimeOffset from, CancellationToken cancellationToken)
    {
        var rows = await clickHouse.QueryAsync(
            "SELECT host, toUnixTimestamp64Milli(window_start), toUnixTimestamp64Milli(window_end), window_size_ms, series, metric, count, min, max, mean, stddev, last, p95 " +
            "FROM metric_windows WHERE window_start >= fromUnixTimestamp64Milli({from:Int64}, 'UTC') AND ({metric:String} = '' OR metric = {metric:String}) " +
            "ORDER BY window_end, host, window_size_ms, series LIMIT {max:UInt32}",
            new Dictionary<string, object> { ["from"] = from.ToUnixTimeMilliseconds(), ["metric"] = rule.Threshold?.Metric ?? string.Empty, ["max"] = (uint)MaxRecords },
            r => (Host: Row.Text(r, 0), Start: Row.Long(r, 1), End: Row.Long(r, 2), Size: Row.Long(r, 3), Series: new SeriesStats
            {
                series = Row.Text(r, 4),
                metric = Row.Text(r, 5),
                count = (int)Row.Long(r, 6),
                min = Row.Double(r, 7),
                max = Row.Double(r, 8),
                mean = Row.Double(r, 9),
                stddev = Row.Double(r, 10),
                last = Row.Double(r, 11),
                p95 = Row.Double(r, 12),
            }),
            cancellationToken);
        return [.. rows
            .GroupBy(r => (r.Host, r.Start, r.End, r.Size))
            .Select(g => new PreviewInput(g.Key.End, g.Key.Host, Window: new MetricWindow
            {
                host = g.Key.Host,
                window = new TimeWindow { start = DateTimeOffset.FromUnixTimeMilliseconds(g.Key.Start).UtcDateTime, end = DateTimeOffset.FromUnixTimeMilliseconds(g.Key.End).UtcDateTime },
                windowSizeMs = g.Key.Size,
                series = [.. g.Select(r => r.Series)],
                featureNames = [],
                features = [],
                present = [],
            }))
            .OrderBy(i => i.Time)];
    }

    private async Task<List<PreviewInput>> AnomaliesAsync(DateTimeOffset from, CancellationToken cancellationToken) =>
        await clickHouse.QueryAsync(
            "SELECT id, host, series, toUnixTimestamp64Milli(window_start), toUnixTimestamp64Milli(window_end), score, threshold, upper(severity), model, model_version, " +
            "toJSONString(contribution_series), toJSONString(contribution_share), consecutive_windows, toJSONString(tags) FROM anomalies FINAL " +
            "WHERE window_start >= fromUnixTimestamp64Milli({from:Int64}, 'UTC') ORDER BY window_end, host LIMIT {max:UInt32}",
            new Dictionary<string, object> { ["from"] = from.ToUnixTimeMilliseconds(), ["max"] = (uint)MaxRecords },
            r =>
            {
                var shares = Row.Array<double?>(r, 11);
                var anomaly = new Anomaly
                {
                    id = Row.Text(r, 0),
                    host = Row.Text(r, 1),
                    series = Row.NullableText(r, 2),
                    window = new TimeWindow { start = Row.Time(r, 3).UtcDateTime, end = Row.Time(r, 4).UtcDateTime },
                    score = Row.Double(r, 5),
                    threshold = Row.Double(r, 6),
                    severity = Enum.TryParse<Severity>(Row.Text(r, 7), out var severity) ? severity : Severity.UNKNOWN,
                    model = Row.Text(r, 8),
                    modelVersion = Row.Text(r, 9),
                    contributions = [.. Row.Array<string>(r, 10).Select((s, i) => new Contribution { series = s, share = i < shares.Count ? shares[i] ?? 0 : 0 })],
                    consecutiveWindows = (int)Row.Long(r, 12),
                    tags = Row.Map(r, 13),
                    detectedAt = Row.Time(r, 4).UtcDateTime,
                };
                return new PreviewInput(Row.Long(r, 4), anomaly.host, Anomaly: anomaly);
            },
            cancellationToken);

    /// <summary>
    /// The forecasts of the rule's metric in time order. Points are only needed when the rule has a
    /// limit of its own (the record's exhaustion times answer the forecaster's limit), and then only
    /// as far as the rule looks ahead (its clear, else its horizon, counted from when the forecast
    /// was made): a crossing further on judges the same as none, and a whole week of hourly points
    /// per record would make a day's replay of a large fleet gigabytes.
    /// </summary>
    private async Task<List<PreviewInput>> ForecastsAsync(ForecastCondition condition, DateTimeOffset from, CancellationToken cancellationToken)
    {
        var reach = (long)(condition.Clear is { } clear && clear > condition.Horizon ? clear : condition.Horizon).TotalMilliseconds;
        var rows = await clickHouse.QueryAsync(
            "WITH if({own:Bool}, least(length(points_at), toUInt32(greatest(0, ceil((toUnixTimestamp64Milli(generated_at) - toUnixTimestamp64Milli(origin) + {reach:Int64}) / greatest(step_ms, 1)))) + 1), 0) AS n " +
            "SELECT host, series, metric, toJSONString(tags), model, season_steps, step_ms, toUnixTimestamp64Milli(generated_at), toUnixTimestamp64Milli(origin), last_value, coverage, " +
            "residual_sigma, limit, direction, toUnixTimestamp64Milli(exhaustion_expected), toUnixTimestamp64Milli(exhaustion_earliest), toUnixTimestamp64Milli(exhaustion_latest), " +
            "toJSONString(arrayMap(t -> toUnixTimestamp64Milli(t), arraySlice(points_at, 1, n))), toJSONString(arraySlice(points_expected, 1, n)), " +
            "toJSONString(arraySlice(points_lower, 1, n)), toJSONString(arraySlice(points_upper, 1, n)) " +
            "FROM forecasts WHERE generated_at >= fromUnixTimestamp64Milli({from:Int64}, 'UTC') AND metric = {metric:String} " +
            "ORDER BY generated_at, host, series LIMIT {max:UInt32}",
            new Dictionary<string, object>
            {
                ["own"] = condition.Limit is not null,
                ["reach"] = reach,
                ["from"] = from.ToUnixTimeMilliseconds(),
                ["metric"] = condition.Metric,
                ["max"] = (uint)MaxRecords,
            },
            r =>
            {
                var at = Row.Array<long>(r, 17);
                var expected = Row.Array<double>(r, 18);
                var lower = Row.Array<double>(r, 19);
                var upper = Row.Array<double>(r, 20);
                var forecast = new Forecast
                {
                    host = Row.Text(r, 0),
                    series = Row.Text(r, 1),
                    metric = Row.Text(r, 2),
                    tags = Row.Map(r, 3),
                    model = Enum.TryParse<ForecastModel>(Row.Text(r, 4), out var model) ? model : ForecastModel.UNKNOWN,
                    seasonSteps = (int)Row.Long(r, 5),
                    stepMs = Row.Long(r, 6),
                    generatedAt = Row.Time(r, 7).UtcDateTime,
                    origin = Row.Time(r, 8).UtcDateTime,
                    lastValue = Row.Double(r, 9),
                    coverage = Row.Double(r, 10),
                    residualSigma = Row.Double(r, 11),
                    limit = Row.NullableDouble(r, 12),
                    direction = Enum.TryParse<ExhaustionDirection>(Row.Text(r, 13), out var direction) ? direction : ExhaustionDirection.UNKNOWN,
                    exhaustionExpected = Row.NullableTime(r, 14)?.UtcDateTime,
                    exhaustionEarliest = Row.NullableTime(r, 15)?.UtcDateTime,
                    exhaustionLatest = Row.NullableTime(r, 16)?.UtcDateTime,
                    points = [.. at.Select((t, i) => new ForecastPoint { at = DateTimeOffset.FromUnixTimeMilliseconds(t).UtcDateTime, expected = expected[i], lower = lower[i], upper = upper[i] })],
                };
                return new PreviewInput(Row.Long(r, 7), forecast.host, Forecast: forecast);
            },
            cancellationToken);
        return condition.Series is { } glob ? [.. rows.Where(i => RuleScopeMatch.Matches(glob, i.Forecast!.series))] : rows;
    }
}
