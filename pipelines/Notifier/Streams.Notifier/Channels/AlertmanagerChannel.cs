using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Streams.Alerting.Notifications;

namespace Streams.Notifier.Channels;

/// <summary>
/// Pushes alerts into a Prometheus Alertmanager through its API v2 (<c>POST /api/v2/alerts</c>,
/// an array of postable alerts), so an existing Alertmanager routes, silences and notifies them;
/// a resolved alert is posted with its <c>endsAt</c>.
/// </summary>
internal sealed class AlertmanagerChannel(NotifierHttp http) : INotificationChannel
{
    public ChannelType Type => ChannelType.Alertmanager;

    public async Task SendAsync(NotificationMessage message, ChannelTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(target);
        var alerts = new JsonArray();
        foreach (var alert in message.Alerts)
        {
            var posted = new JsonObject
            {
                ["labels"] = JsonPayloads.AlertmanagerLabels(alert),
                ["annotations"] = JsonPayloads.Map(alert.annotations),
                ["startsAt"] = JsonPayloads.Time(alert.startsAt),
                ["generatorURL"] = message.AlertUrl(alert).AbsoluteUri,
            };
            if (JsonPayloads.EndsAt(alert) is { } endsAt)
            {
                posted["endsAt"] = endsAt;
            }

            alerts.Add(posted);
        }

        var url = new Uri(new Uri(target.Url!.AbsoluteUri.TrimEnd('/') + "/"), "api/v2/alerts");
        using var response = await http.Client.PostAsJsonAsync(url, alerts, cancellationToken).ConfigureAwait(false);
        await HttpDelivery.EnsureAcceptedAsync(response, "Alertmanager " + target.Recipient, cancellationToken).ConfigureAwait(false);
    }
}
