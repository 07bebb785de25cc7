using io.streams.avro;
using Streams.Api.Contracts;
using Streams.Api.Http;

namespace Streams.Api.Live;

/// <summary>The Avro records of the live topics in the REST shapes.</summary>
internal static class LiveMapping
{
    public static AlertView ToView(Alert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        return new AlertView(
            alert.fingerprint, alert.ruleId, SeverityText.Of(alert.state), SeverityText.Of(alert.severity),
            new Dictionary<string, string>(alert.labels, StringComparer.Ordinal), new Dictionary<string, string>(alert.annotations, StringComparer.Ordinal),
            alert.value, Utc(alert.startsAt), alert.endsAt is { } end ? Utc(end) : null, Utc(alert.updatedAt),
            alert.acknowledgedBy, alert.silenceId, alert.escalationLevel, alert.flapping, alert.ruleVersion, [.. alert.anomalyIds]);
    }

    public static AnomalyView ToView(Anomaly anomaly)
    {
        ArgumentNullException.ThrowIfNull(anomaly);
        return new AnomalyView(
            anomaly.id, anomaly.host, anomaly.series, Utc(anomaly.window.start), Utc(anomaly.window.end), anomaly.score, anomaly.threshold,
            SeverityText.Of(anomaly.severity), anomaly.model, anomaly.modelVersion,
            [.. anomaly.contributions.Select(c => new ContributionView(c.series, c.share, c.value, c.expected))],
            anomaly.consecutiveWindows, Utc(anomaly.detectedAt), new Dictionary<string, string>(anomaly.tags, StringComparer.Ordinal));
    }

    public static NotificationView ToView(DashboardNotification notification)
    {
        ArgumentNullException.ThrowIfNull(notification);
        return new NotificationView(
            notification.recipient, SeverityText.Of(notification.alertState), SeverityText.Of(notification.severity),
            notification.title, notification.text, notification.groupKey, [.. notification.alertFingerprints], Utc(notification.sentAt));
    }

    public static WindowView ToView(MetricWindow window, LiveFilter filter)
    {
        ArgumentNullException.ThrowIfNull(window);
        ArgumentNullException.ThrowIfNull(filter);
        return new WindowView(
            window.host, Utc(window.window.start), Utc(window.window.end),
            [.. window.series.Where(s => filter.WantsSeries(s.series)).Select(s => new WindowSeriesView(s.series, Data.Row.Finite(s.mean), Data.Row.Finite(s.min), Data.Row.Finite(s.max), Data.Row.Finite(s.p95)))]);
    }

    private static DateTimeOffset Utc(DateTime time) => new(DateTime.SpecifyKind(time, DateTimeKind.Utc));
}
