using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Streams.Alerting.Notifications;

namespace Streams.Notifier.Channels;

/// <summary>
/// Alertmanager's webhook payload (<c>version: "4"</c>), so receivers written for Alertmanager's
/// <c>webhook_config</c> (PagerDuty bridges, chat bots, ticketing) take Streams' notifications unchanged.
/// </summary>
internal sealed class AlertmanagerWebhookChannel(NotifierHttp http, IOptions<NotifierOptions> options) : INotificationChannel
{
    public ChannelType Type => ChannelType.AlertmanagerWebhook;

    public async Task SendAsync(NotificationMessage message, ChannelTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(target);
        var alerts = new JsonArray();
        foreach (var alert in message.Alerts)
        {
            alerts.Add(new JsonObject
            {
                ["status"] = alert.state == io.streams.avro.AlertState.RESOLVED ? "resolved" : "firing",
                ["labels"] = JsonPayloads.AlertmanagerLabels(alert),
                ["annotations"] = JsonPayloads.Map(alert.annotations),
                ["startsAt"] = JsonPayloads.Time(alert.startsAt),
                ["endsAt"] = JsonPayloads.EndsAt(alert) ?? JsonPayloads.ZeroTime,
                ["generatorURL"] = message.AlertUrl(alert).AbsoluteUri,
                ["fingerprint"] = alert.fingerprint,
            });
        }

        var payload = new JsonObject
        {
            ["version"] = "4",
            ["groupKey"] = message.Batch.GroupKey,
            ["truncatedAlerts"] = 0,
            ["status"] = message.StatusWord,
            ["receiver"] = message.Batch.Preference.Name,
            ["groupLabels"] = JsonPayloads.Map(message.Batch.GroupLabels),
            ["commonLabels"] = JsonPayloads.Map(message.CommonLabels),
            ["commonAnnotations"] = JsonPayloads.Map(message.CommonAnnotations),
            ["externalURL"] = options.Value.DashboardBaseUrl.AbsoluteUri,
            ["alerts"] = alerts,
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, target.Url) { Content = JsonContent.Create(payload) };
        HttpDelivery.AddIdempotencyKey(request, message);
        using var response = await http.Client.SendAsync(request, cancellationToken).ConfigureAwait(false);
        await HttpDelivery.EnsureAcceptedAsync(response, "Alertmanager webhook " + target.Recipient, cancellationToken).ConfigureAwait(false);
    }
}
