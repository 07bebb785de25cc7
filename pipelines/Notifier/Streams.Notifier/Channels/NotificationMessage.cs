using System.Globalization;
using System.Text;
using io.streams.avro;
using Streams.Alerting.Notifications;

namespace Streams.Notifier.Channels;

/// <summary>What one delivery says: a group's alerts as one notification, and the texts every channel shares.</summary>
/// <param name="DeliveryId">
/// The same whenever this delivery is made again, by a retry or by the replay after a crash
/// between the send and its SENT audit record (<see cref="Delivery.NotificationPlanner"/> derives it
/// from the audit ids it settles); HTTP channels send it as <c>Idempotency-Key</c>.
/// </param>
internal sealed record NotificationMessage(NotificationBatch Batch, IReadOnlyList<Alert> Alerts, Uri DashboardBaseUrl, string DeliveryId)
{
    public AlertState Status => Alerts.Any(a => a.state == AlertState.FIRING) ? AlertState.FIRING
        : Alerts.All(a => a.state == AlertState.RESOLVED) ? AlertState.RESOLVED
        : AlertState.ACKNOWLEDGED;

    public Severity Severity => Alerts.Max(a => a.severity);

    /// <summary>Alertmanager's status word: firing or resolved.</summary>
    public string StatusWord => Status == AlertState.RESOLVED ? "resolved" : "firing";

    /// <summary>Labels every alert shares (Alertmanager's commonLabels).</summary>
    public IReadOnlyDictionary<string, string> CommonLabels => Common(a => a.labels);

    public IReadOnlyDictionary<string, string> CommonAnnotations => Common(a => a.annotations);

    /// <summary>E.g. <c>[FIRING:2] CpuHigh web-1 (MAJOR)</c>, the subject line and title of every channel.</summary>
    public string Title
    {
        get
        {
            var first = Alerts[0];
            var name = Label(first, "alertname") ?? first.ruleId;
            var host = Alerts.Select(a => Label(a, "host")).Distinct().Count() == 1 ? Label(first, "host") : null;
            var count = Alerts.Count(a => a.state == Status);
            var repeat = Batch.IsRepeat ? " (repeat)" : string.Empty;
            return $"[{Status}:{count.ToString(CultureInfo.InvariantCulture)}] {name}{(host is null ? string.Empty : " " + host)} ({Severity}){repeat}";
        }
    }

    /// <summary>One line per alert, for plain-text channels.</summary>
    public string Text
    {
        get
        {
            var text = new StringBuilder();
            foreach (var alert in Alerts)
            {
                text.Append(CultureInfo.InvariantCulture, $"{alert.state} {alert.severity} {Summary(alert)}");
                if (alert.value is { } value)
                {
                    text.Append(CultureInfo.InvariantCulture, $" (value {value:G6})");
                }

                text.Append('\n');
            }

            return text.ToString();
        }
    }

    public static string Summary(Alert alert) =>
        (alert.annotations is not null && alert.annotations.TryGetValue("summary", out var summary) ? summary : null)
        ?? string.Join(' ', (alert.labels ?? new Dictionary<string, string>()).Select(l => l.Key + "=" + l.Value));

    public static string? Label(Alert alert, string name) =>
        alert.labels is not null && alert.labels.TryGetValue(name, out var value) ? value : null;

    public Uri AlertUrl(Alert alert) => new(DashboardBaseUrl, "alerts/" + Uri.EscapeDataString(alert.fingerprint));

    private Dictionary<string, string> Common(Func<Alert, IDictionary<string, string>?> pick)
    {
        var common = new Dictionary<string, string>(pick(Alerts[0]) ?? new Dictionary<string, string>(), StringComparer.Ordinal);
        foreach (var alert in Alerts.Skip(1))
        {
            var map = pick(alert) ?? new Dictionary<string, string>();
            foreach (var key in common.Keys.Where(k => !map.TryGetValue(k, out var v) || v != common[k]).ToList())
            {
                common.Remove(key);
            }
        }

        return common;
    }
}
