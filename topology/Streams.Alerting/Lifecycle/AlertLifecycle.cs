using System.Globalization;
using io.streams.avro;
using Streams.Alerting.Rules;
using Streams.Alerting.Silences;

namespace Streams.Alerting.Lifecycle;

/// <summary>
/// The alert state machine for one host's alerts: PENDING until the condition has held for the
/// rule's for-duration, then FIRING until it clears (RESOLVED). Acknowledgement and muting
/// (silences, and inhibition by a firing host-down alert) overlay FIRING as ACKNOWLEDGED and
/// SILENCED; an unacknowledged alert escalates; one that keeps re-firing is marked flapping.
/// Only changes are returned, so a replay of the same inputs writes nothing new. Pure: the
/// caller keeps <see cref="HostAlerts"/> and says what time it is.
/// </summary>
public sealed class AlertLifecycle(AlertingOptions options, RuleBook rules, SilenceBook silences, AcknowledgementBook acks)
{
    public AlertingOptions Options => options;

    public RuleBook Rules => rules;

    /// <summary>Applies <paramref name="observations"/> of one host at <paramref name="now"/> (UTC ms); returns the alert records to write.</summary>
    public IReadOnlyList<Alert> Observe(HostAlerts host, IEnumerable<Observation> observations, long now)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(observations);
        foreach (var observation in observations)
        {
            Apply(host, observation, now);
        }

        return Settle(host, now);
    }

    /// <summary>Advances the timers of one host's alerts to <paramref name="now"/>: for-durations, resolve-after, no-data, acknowledgements, escalation, silences.</summary>
    public IReadOnlyList<Alert> Tick(string hostName, HostAlerts host, long now)
    {
        ArgumentNullException.ThrowIfNull(hostName);
        ArgumentNullException.ThrowIfNull(host);
        foreach (var alert in host.Alerts.Values.Where(a => a.Phase != AlertPhase.Resolved))
        {
            var rule = rules.Find(alert.RuleId);
            if (rule is not { Enabled: true })
            {
                Resolve(alert, now);
                continue;
            }

            if (alert.Phase == AlertPhase.Pending && now - alert.StartsAt >= (long)rule.For.TotalMilliseconds)
            {
                Fire(alert, now);
            }

            if (ResolveAfter(rule) is { } quiet && now - alert.LastMatchAt >= (long)quiet.TotalMilliseconds)
            {
                Resolve(alert, now);
                continue;
            }

            if (alert.Phase == AlertPhase.Firing)
            {
                Acknowledge(alert);
                Escalate(alert, rule, now);
            }
        }

        if (host.LastSeen > 0)
        {
            foreach (var rule in rules.Rules.Where(r => r.Kind == RuleKind.NoData && r.Scope.Covers(hostName, host.Tags)))
            {
                var silentFor = now - host.LastSeen;
                if (silentFor >= (long)rule.NoData!.After.TotalMilliseconds)
                {
                    Apply(host, new Observation(rule, new Dictionary<string, string> { [AlertLabels.Host] = hostName }, Verdict.Match, silentFor / 1000.0), now);
                }
            }
        }

        return Settle(host, now);
    }

    private static TimeSpan? ResolveAfter(AlertRule rule) => rule.Kind switch
    {
        RuleKind.Anomaly => rule.Anomaly!.ResolveAfter,
        RuleKind.Log when rule.Log!.NewTemplate => rule.Log.ResolveAfter,
        _ => null,
    };

    private void Apply(HostAlerts host, Observation observation, long now)
    {
        var rule = observation.Rule;
        var fingerprint = AlertFingerprint.Of(rule.Id, observation.Identity);
        host.Alerts.TryGetValue(fingerprint, out var alert);
        var active = alert is { Phase: not AlertPhase.Resolved };
        switch (observation.Verdict)
        {
            case Verdict.Match:
                if (!active)
                {
                    alert = NewEpisode(host, rule, fingerprint, observation.Identity, alert, now);
                }

                alert!.LastMatchAt = now;
                alert.Value = observation.Value;
                alert.RuleVersion = rule.Version;
                alert.Annotations = Annotate(rule, alert.Labels, observation);
                if (observation.AnomalyId is { } anomalyId && !alert.AnomalyIds.Contains(anomalyId))
                {
                    alert.AnomalyIds.Add(anomalyId);
                    if (alert.AnomalyIds.Count > options.MaxAnomalyIds)
                    {
                        alert.AnomalyIds.RemoveAt(0);
                    }
                }

                if (alert.Phase == AlertPhase.Pending && now - alert.StartsAt >= (long)rule.For.TotalMilliseconds)
                {
                    Fire(alert, now);
                }

                break;
            case Verdict.Hold when active && alert!.Phase == AlertPhase.Firing:
                // Between threshold and clear value: a firing alert stays as it is.
                break;
            default:
                // Clear, or a pending alert whose condition stopped holding before its for-duration.
                if (active)
                {
                    Resolve(alert!, now);
                }

                break;
        }
    }

    private static TrackedAlert NewEpisode(HostAlerts host, AlertRule rule, string fingerprint, IReadOnlyDictionary<string, string> identity, TrackedAlert? previous, long now)
    {
        var labels = new Dictionary<string, string>(host.Tags, StringComparer.Ordinal);
        foreach (var (name, value) in identity)
        {
            labels[name] = value;
        }

        labels[AlertLabels.AlertName] = rule.Name;
        labels[AlertLabels.Rule] = rule.Id;
        var alert = new TrackedAlert
        {
            Fingerprint = fingerprint,
            RuleId = rule.Id,
            RuleVersion = rule.Version,
            BaseSeverity = rule.Severity,
            Labels = labels,
            GroupKey = AlertFingerprint.GroupKey(rule.GroupBy, labels),
            Phase = AlertPhase.Pending,
            StartsAt = now,
            LastMatchAt = now,
            // The flap history outlives the episode: flapping is re-firing across episodes.
            FiringStarts = previous?.FiringStarts ?? [],
            EmittedState = previous?.EmittedState ?? AlertState.UNKNOWN,
        };
        host.Alerts[fingerprint] = alert;
        return alert;
    }

    private static void Fire(TrackedAlert alert, long now)
    {
        alert.Phase = AlertPhase.Firing;
        alert.FiredAt = now;
        alert.FiringStarts.Add(now);
    }

    private static void Resolve(TrackedAlert alert, long now)
    {
        alert.Phase = AlertPhase.Resolved;
        alert.EndsAt = now;
    }

    private void Acknowledge(TrackedAlert alert)
    {
        if (alert.AcknowledgedBy is null && acks.Find(alert.Fingerprint) is { } ack && ack.At.ToUnixTimeMilliseconds() >= alert.StartsAt)
        {
            alert.AcknowledgedBy = ack.By;
        }
    }

    private static void Escalate(TrackedAlert alert, AlertRule rule, long now)
    {
        if (alert.AcknowledgedBy is null && alert.MutedBy is null && rule.EscalateAfter is { } after
            && now - (alert.LastEscalatedAt ?? alert.FiredAt ?? now) >= (long)after.TotalMilliseconds)
        {
            alert.EscalationLevel++;
            alert.LastEscalatedAt = now;
        }
    }

    private List<Alert> Settle(HostAlerts host, long now)
    {
        var at = DateTimeOffset.FromUnixTimeMilliseconds(now);
        var inhibitor = host.Alerts.Values
            .Where(a => a.Phase == AlertPhase.Firing && rules.Find(a.RuleId) is { InhibitsHost: true })
            .Select(a => a.Fingerprint)
            .Order(StringComparer.Ordinal)
            .FirstOrDefault();
        var changes = new List<Alert>();
        foreach (var alert in host.Alerts.Values)
        {
            if (alert.Phase != AlertPhase.Resolved)
            {
                alert.MutedBy = silences.MutedBy(alert.Labels, at) ?? (inhibitor is not null && inhibitor != alert.Fingerprint ? inhibitor : null);
            }

            alert.FiringStarts.RemoveAll(start => now - start > (long)options.FlapWindow.TotalMilliseconds);
            alert.Flapping = alert.FiringStarts.Count >= options.FlapThreshold;
            var state = StateOf(alert);
            if (state != alert.EmittedState || alert.EscalationLevel != alert.EmittedEscalation || alert.Flapping != alert.EmittedFlapping)
            {
                alert.EmittedState = state;
                alert.EmittedEscalation = alert.EscalationLevel;
                alert.EmittedFlapping = alert.Flapping;
                changes.Add(ToRecord(alert, state, now));
            }
        }

        // A resolved alert is kept for the flap window, which its re-firing is judged by.
        foreach (var gone in host.Alerts.Values.Where(a => a.Phase == AlertPhase.Resolved && now - a.EndsAt > (long)options.FlapWindow.TotalMilliseconds).ToList())
        {
            host.Alerts.Remove(gone.Fingerprint);
        }

        return changes;
    }

    private static AlertState StateOf(TrackedAlert alert) => alert.Phase switch
    {
        AlertPhase.Pending => AlertState.PENDING,
        AlertPhase.Resolved => AlertState.RESOLVED,
        _ when alert.MutedBy is not null => AlertState.SILENCED,
        _ when alert.AcknowledgedBy is not null => AlertState.ACKNOWLEDGED,
        _ => AlertState.FIRING,
    };

    private static Alert ToRecord(TrackedAlert alert, AlertState state, long now) => new()
    {
        fingerprint = alert.Fingerprint,
        ruleId = alert.RuleId,
        ruleVersion = alert.RuleVersion,
        state = state,
        severity = Raise(alert.BaseSeverity, alert.EscalationLevel),
        labels = new Dictionary<string, string>(alert.Labels, StringComparer.Ordinal),
        annotations = new Dictionary<string, string>(alert.Annotations, StringComparer.Ordinal),
        value = alert.Value,
        startsAt = DateTimeOffset.FromUnixTimeMilliseconds(alert.StartsAt).UtcDateTime,
        endsAt = alert.EndsAt is { } end ? DateTimeOffset.FromUnixTimeMilliseconds(end).UtcDateTime : null,
        updatedAt = DateTimeOffset.FromUnixTimeMilliseconds(now).UtcDateTime,
        groupKey = alert.GroupKey,
        anomalyIds = [.. alert.AnomalyIds],
        acknowledgedBy = alert.AcknowledgedBy,
        silenceId = state == AlertState.SILENCED ? alert.MutedBy : null,
        escalationLevel = alert.EscalationLevel,
        flapping = alert.Flapping,
    };

    private static Severity Raise(Severity severity, int levels) =>
        (Severity)Math.Min((int)Severity.CRITICAL, (int)severity + levels);

    private static Dictionary<string, string> Annotate(AlertRule rule, IReadOnlyDictionary<string, string> labels, Observation observation)
    {
        var value = rule.Kind == RuleKind.Forecast
            ? FormatHours(observation.Value)
            : FormatValue(observation.Value, rule.Threshold?.Metric ?? labels.GetValueOrDefault(AlertLabels.Series));
        var annotations = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, template) in rule.Annotations)
        {
            annotations[name] = template
                .Replace("{{host}}", labels.GetValueOrDefault(AlertLabels.Host) ?? string.Empty, StringComparison.Ordinal)
                .Replace("{{series}}", labels.GetValueOrDefault(AlertLabels.Series) ?? string.Empty, StringComparison.Ordinal)
                .Replace("{{app}}", labels.GetValueOrDefault(AlertLabels.App) ?? string.Empty, StringComparison.Ordinal)
                .Replace("{{value}}", value, StringComparison.Ordinal);
        }

        foreach (var (name, text) in observation.Details ?? new Dictionary<string, string>())
        {
            annotations[name] = text;
        }

        return annotations;
    }

    /// <summary>A forecast rule's value is the time left until the limit, in hours: "1d20h".</summary>
    private static string FormatHours(double? hours) =>
        hours is { } h ? DurationText.Format(TimeSpan.FromMinutes(Math.Round(h * 60))) : string.Empty;

    // metrics.windows holds ratios for utilisation and percentages; people read them as percent.
    private static string FormatValue(double? value, string? metric) => value switch
    {
        null => string.Empty,
        { } v when metric is not null && (metric.Contains(".util", StringComparison.Ordinal) || metric.Contains(".percent", StringComparison.Ordinal))
            => (v * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%",
        { } v => v.ToString("G4", CultureInfo.InvariantCulture),
    };
}
