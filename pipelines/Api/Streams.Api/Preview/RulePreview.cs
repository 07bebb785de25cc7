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
/// from ClickHouse (metric_windows for threshold and no-data rules, anomalies for anomaly rules)
/// and replayed in time order through the same <see cref="RuleEvaluator"/> and
/// <see cref="AlertLifecycle"/> the alerting role runs, with only this rule, no silences and no
/// acknowledgements, the clock advanced from the records' own times and ticked every 10 s as
/// the role's timer would. Log rules are not previewed (their windows are not in ClickHouse).
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
        var inputs = rule.Kind == RuleKind.Anomaly
            ? await AnomaliesAsync(from, cancellationToken)
            : await WindowsAsync(rule, from, cancellationToken);

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
            var observations = input.Window is { } window
                ? RuleEvaluator.OnMetricWindow(window, host, rules, input.Time)
                : RuleEvaluator.OnAnomaly(input.Anomaly!, host, rules);
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
            .Select(g => new PreviewInput(g.Key.End, g.Key.Host, new MetricWindow
            {
                host = g.Key.Host,
                window = new TimeWindow { start = DateTimeOffset.FromUnixTimeMilliseconds(g.Key.Start).UtcDateTime, end = DateTimeOffset.FromUnixTimeMilliseconds(g.Key.End).UtcDateTime },
                windowSizeMs = g.Key.Size,
                series = [.. g.Select(r => r.Series)],
                featureNames = [],
                features = [],
                present = [],
            }, null))
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
                return new PreviewInput(Row.Long(r, 4), anomaly.host, null, anomaly);
            },
            cancellationToken);
}
