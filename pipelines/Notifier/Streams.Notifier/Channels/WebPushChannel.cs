using System.Net;
using System.Text.Json.Nodes;
using Lib.Net.Http.WebPush;
using Lib.Net.Http.WebPush.Authentication;
using Microsoft.Extensions.Options;
using Streams.Alerting.Notifications;

namespace Streams.Notifier.Channels;

/// <summary>
/// Web Push (RFC 8030) to a browser subscription: the payload encrypted with aes128gcm for the
/// subscription's keys (RFC 8291), the request signed with the server's VAPID key (RFC 8292).
/// </summary>
internal sealed class WebPushChannel : INotificationChannel, IDisposable
{
    private readonly PushServiceClient? client;
    private readonly VapidAuthentication? vapid;

    public WebPushChannel(NotifierHttp http, IOptions<NotifierOptions> options)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.Value.WebPush;
        if (!string.IsNullOrEmpty(settings.PublicKey) && !string.IsNullOrEmpty(settings.PrivateKey))
        {
            vapid = new VapidAuthentication(settings.PublicKey, settings.PrivateKey) { Subject = settings.Subject };
            // The library's own retry on 429 would hide attempts from the audit; Polly retries instead.
            client = new PushServiceClient(http.Client) { DefaultAuthentication = vapid, DefaultAuthenticationScheme = VapidAuthenticationScheme.Vapid, AutoRetryAfter = false };
        }
    }

    public ChannelType Type => ChannelType.WebPush;

    public async Task SendAsync(NotificationMessage message, ChannelTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(target);
        if (client is null)
        {
            throw new PermanentDeliveryException("Web Push is not configured: set Notifier:WebPush:PublicKey and PrivateKey (VAPID)");
        }

        var subscription = new PushSubscription { Endpoint = target.Url!.AbsoluteUri };
        subscription.SetKey(PushEncryptionKeyName.P256DH, target.PushKeys!.P256dh);
        subscription.SetKey(PushEncryptionKeyName.Auth, target.PushKeys.Auth);
        var first = message.Alerts[0];
        var payload = new JsonObject
        {
            ["title"] = message.Title,
            ["body"] = message.Text,
            ["url"] = message.AlertUrl(first).AbsoluteUri,
            ["tag"] = message.Batch.GroupKey,
        };
        var push = new PushMessage(payload.ToJsonString())
        {
            // The Topic header lets the push service replace an undelivered older message of the group.
            Topic = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(message.Batch.GroupKey)))[..32],
            Urgency = message.Severity >= io.streams.avro.Severity.MAJOR ? PushMessageUrgency.High : PushMessageUrgency.Normal,
            TimeToLive = 3600,
        };
        try
        {
            await client.RequestPushMessageDeliveryAsync(subscription, push, cancellationToken).ConfigureAwait(false);
        }
        catch (PushServiceClientException ex) when (ex.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Gone or HttpStatusCode.BadRequest or HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized or HttpStatusCode.RequestEntityTooLarge)
        {
            // 404/410: the browser unsubscribed; retrying cannot revive the subscription.
            throw new PermanentDeliveryException($"Push service refused: {(int)ex.StatusCode} {ex.Message}", ex);
        }
    }

    public void Dispose() => vapid?.Dispose();
}
