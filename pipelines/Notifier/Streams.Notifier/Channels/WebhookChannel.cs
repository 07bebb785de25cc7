using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Streams.Alerting.Notifications;

namespace Streams.Notifier.Channels;

/// <summary>
/// Generic webhooks: Streams' own JSON, signed like GitHub's webhooks with
/// <c>X-Streams-Signature: sha256=&lt;hex HMAC-SHA256(secret, raw body)&gt;</c> so the receiver can
/// verify who sent it and that the body is intact, and an <c>Idempotency-Key</c> the same for every
/// attempt of one delivery.
/// </summary>
internal sealed class WebhookChannel(NotifierHttp http, IOptions<NotifierOptions> options) : INotificationChannel
{
    public ChannelType Type => ChannelType.Webhook;

    public static string Signature(string secret, byte[] body)
    {
        ArgumentNullException.ThrowIfNull(secret);
        return "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));
    }

    public async Task SendAsync(NotificationMessage message, ChannelTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(target);
        var alerts = new JsonArray();
        foreach (var alert in message.Alerts)
        {
            alerts.Add(new JsonObject
            {
                ["fingerprint"] = alert.fingerprint,
                ["ruleId"] = alert.ruleId,
                ["state"] = alert.state.ToString(),
                ["severity"] = alert.severity.ToString(),
                ["labels"] = JsonPayloads.Map(alert.labels),
                ["annotations"] = JsonPayloads.Map(alert.annotations),
                ["value"] = alert.value,
                ["startsAt"] = JsonPayloads.Time(alert.startsAt),
                ["endsAt"] = alert.endsAt is { } end ? JsonPayloads.Time(end) : null,
                ["escalationLevel"] = alert.escalationLevel,
                ["url"] = message.AlertUrl(alert).AbsoluteUri,
            });
        }

        var payload = new JsonObject
        {
            ["version"] = "1",
            ["status"] = message.Status.ToString(),
            ["title"] = message.Title,
            ["preference"] = message.Batch.Preference.Id,
            ["groupKey"] = message.Batch.GroupKey,
            ["groupLabels"] = JsonPayloads.Map(message.Batch.GroupLabels),
            ["repeat"] = message.Batch.IsRepeat,
            ["alerts"] = alerts,
        };
        var body = Encoding.UTF8.GetBytes(payload.ToJsonString());
        using var request = new HttpRequestMessage(HttpMethod.Post, target.Url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        HttpDelivery.AddIdempotencyKey(request, message);
        var settings = options.Value.Webhook;
        if (!string.IsNullOrEmpty(settings.HmacSecret))
        {
            request.Headers.Add(settings.SignatureHeader, Signature(settings.HmacSecret, body));
        }

        using var response = await http.Client.SendAsync(request, cancellationToken).ConfigureAwait(false);
        await HttpDelivery.EnsureAcceptedAsync(response, "Webhook " + target.Recipient, cancellationToken).ConfigureAwait(false);
    }
}
