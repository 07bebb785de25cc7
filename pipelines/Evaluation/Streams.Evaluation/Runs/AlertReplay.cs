using io.streams.avro;
using Streams.Alerting.Evaluation;
using Streams.Alerting.Lifecycle;
using Streams.Alerting.Rules;
using Streams.Alerting.Silences;
using Streams.Scoring.HostDetection;
using Streams.Topology.Scoring;

namespace Streams.Evaluation.Runs;

/// <summary>
/// One host's alerts as the alerting topology keeps them, fed what the live topology feeds it for
/// each window: the metric window, then the scorer's anomaly when it reported one (built by the
/// scorer's own <see cref="AnomalyRecord"/>), judged by <see cref="RuleEvaluator"/> under the
/// given rules and applied by <see cref="AlertLifecycle"/>. The live lifecycle ticks every second
/// on the wall clock; here it ticks once at each window, before the window is observed (a
/// window reaches the alerting topology after it closed). No moment is lost by that: windows are
/// the only inputs, and the default rules' durations are whole numbers of 10-second windows.
/// A detection is the window in which an alert of <see cref="RuleId"/> starts FIRING, so an
/// incident counts once however many anomalous windows it spans.
/// </summary>
internal sealed class AlertReplay
{
    private readonly string host;
    private readonly string[] names;
    private readonly long windowSizeMs;
    private readonly int topContributions;
    private readonly AlertLifecycle lifecycle;
    private readonly HostAlerts alerts = new();

    /// <param name="host">The host name the windows and anomalies carry.</param>
    /// <param name="names">The host's feature names, the same in every window.</param>
    /// <param name="rules">The alert rules in force (the live defaults: <see cref="DefaultRules.All"/>).</param>
    /// <param name="ruleId">The anomaly rule whose FIRING moments are the detections.</param>
    /// <param name="windowSizeMs">The live window: window <c>i</c> spans <c>[i, i + 1)</c> windows from the epoch.</param>
    /// <param name="topContributions">How many contributing metrics an anomaly lists, as the scorer is set.</param>
    public AlertReplay(string host, IReadOnlyList<string> names, IEnumerable<AlertRule> rules, string ruleId, long windowSizeMs, int topContributions)
    {
        ArgumentException.ThrowIfNullOrEmpty(host);
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentOutOfRangeException.ThrowIfLessThan(windowSizeMs, 1);
        var book = new RuleBook(rules);
        if (book.Find(ruleId) is not { Kind: RuleKind.Anomaly })
        {
            throw new ArgumentException($"No anomaly rule '{ruleId}' among the rules.", nameof(ruleId));
        }

        this.host = host;
        this.names = [.. names];
        this.windowSizeMs = windowSizeMs;
        this.topContributions = topContributions;
        RuleId = ruleId;
        lifecycle = new AlertLifecycle(new AlertingOptions(), book, new SilenceBook(), new AcknowledgementBook());
    }

    public string RuleId { get; }

    /// <summary>
    /// Passes window <paramref name="index"/> of the host, with its values and the scorer's verdict
    /// on it (<paramref name="score"/>, null while the host has no model; then <paramref name="replay"/>'s
    /// cold-start verdict, if any), through the rules and the lifecycle. Returns whether an alert of
    /// the rule started firing in this window and whether one is firing after it.
    /// </summary>
    public (bool Fired, bool Firing) Next(int index, double[] values, LiveReplay replay, HostScore? score)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(replay);
        var start = DateTimeOffset.FromUnixTimeMilliseconds(index * windowSizeMs);
        var now = (start + TimeSpan.FromMilliseconds(windowSizeMs)).ToUnixTimeMilliseconds();
        lifecycle.Tick(host, alerts, now);
        var window = new MetricWindow
        {
            host = host,
            window = new TimeWindow { start = start.UtcDateTime, end = DateTimeOffset.FromUnixTimeMilliseconds(now).UtcDateTime },
            windowSizeMs = windowSizeMs,
            series = [],
            featureNames = names,
            features = values,
            present = [],
        };
        var rules = lifecycle.Rules.Rules;
        var observations = RuleEvaluator.OnMetricWindow(window, alerts, rules, now).ToList();
        var at = DateTimeOffset.FromUnixTimeMilliseconds(now);
        // The window in which the first model is fitted was judged by the cold start, though the
        // replay holds a model after it: the verdict, not the host, says which judge to report.
        var anomaly = (score, replay.Host, replay.ColdStartVerdict, replay.ColdStart) switch
        {
            ({ IsAnomaly: true } anomalous, { } live, _, _) => AnomalyRecord.Create(window, live, anomalous, topContributions, at),
            (null, _, { IsAnomaly: true } verdict, { } coldStart) => AnomalyRecord.ColdStart(window, coldStart, verdict, prior: null, topContributions, at),
            _ => null,
        };
        if (anomaly is not null)
        {
            observations.AddRange(RuleEvaluator.OnAnomaly(anomaly, alerts, rules));
        }

        lifecycle.Observe(alerts, observations, now);
        var mine = alerts.Alerts.Values.Where(a => a.RuleId == RuleId).ToList();
        return (mine.Any(a => a.FiredAt == now), mine.Any(a => a.Phase == AlertPhase.Firing));
    }
}
