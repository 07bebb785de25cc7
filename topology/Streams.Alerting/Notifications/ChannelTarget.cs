using System.Security.Cryptography;
using System.Text;

namespace Streams.Alerting.Notifications;

/// <summary>
/// One channel of a preference: where it delivers. <see cref="Address"/> is an email address, an
/// E.164 phone number or a dashboard user; <see cref="Url"/> is the endpoint of the HTTP channels
/// (Slack incoming webhook, webhook, Alertmanager, Web Push subscription endpoint).
/// </summary>
public sealed record ChannelTarget(ChannelType Type, string? Address, Uri? Url, string? Name, WebPushKeys? PushKeys)
{
    /// <summary>
    /// Who the audit says was notified. URL channels are named by <see cref="Name"/> or by host and a
    /// hash of the URL, because Slack and webhook URLs carry their credentials in the path and the
    /// audit lands in ClickHouse where analysts read it.
    /// </summary>
    public string Recipient => Type.IsHttp()
        ? (Type == ChannelType.Alertmanager ? "alertmanager:" : string.Empty) + (Name ?? UrlRecipient(Url!))
        : Address!;

    private static string UrlRecipient(Uri url)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(url.AbsoluteUri));
        return url.Host + "#" + Convert.ToHexStringLower(hash)[..12];
    }
}
