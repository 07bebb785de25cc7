using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Options;
using Streams.Alerting.Notifications;

namespace Streams.Notifier.Channels;

/// <summary>
/// SMS through Twilio's Messages API (<c>POST {base}/2010-04-01/Accounts/{sid}/Messages.json</c>,
/// form-encoded To/From/Body, basic auth with the account SID and token); the base URL is
/// configurable, so any Twilio-compatible gateway works.
/// </summary>
internal sealed class SmsChannel(NotifierHttp http, IOptions<NotifierOptions> options) : INotificationChannel
{
    // One SMS segment is 160 GSM-7 characters; an alert page stays within two.
    private const int MaxBody = 320;

    public ChannelType Type => ChannelType.Sms;

    public async Task SendAsync(NotificationMessage message, ChannelTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(target);
        var settings = options.Value.Twilio;
        if (string.IsNullOrEmpty(settings.AccountSid) || string.IsNullOrEmpty(settings.AuthToken) || string.IsNullOrEmpty(settings.FromNumber))
        {
            throw new PermanentDeliveryException("SMS is not configured: set Notifier:Twilio:AccountSid, AuthToken and FromNumber");
        }

        var body = message.Title + "\n" + message.Text;
        var url = new Uri(new Uri(settings.BaseUrl.AbsoluteUri.TrimEnd('/') + "/"), $"2010-04-01/Accounts/{Uri.EscapeDataString(settings.AccountSid)}/Messages.json");
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["To"] = target.Address!,
                ["From"] = settings.FromNumber,
                ["Body"] = body[..Math.Min(body.Length, MaxBody)],
            }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(settings.AccountSid + ":" + settings.AuthToken)));
        using var response = await http.ConfiguredClient.SendAsync(request, cancellationToken).ConfigureAwait(false);
        await HttpDelivery.EnsureAcceptedAsync(response, "SMS gateway", cancellationToken).ConfigureAwait(false);
    }
}
