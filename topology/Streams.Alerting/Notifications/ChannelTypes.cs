using io.streams.avro;

namespace Streams.Alerting.Notifications;

/// <summary>The JSON names of <see cref="ChannelType"/> and the Avro channel each is audited as.</summary>
public static class ChannelTypes
{
    private static readonly Dictionary<string, ChannelType> ByName = new(StringComparer.Ordinal)
    {
        ["email"] = ChannelType.Email,
        ["sms"] = ChannelType.Sms,
        ["slack"] = ChannelType.Slack,
        ["webhook"] = ChannelType.Webhook,
        ["alertmanager_webhook"] = ChannelType.AlertmanagerWebhook,
        ["alertmanager"] = ChannelType.Alertmanager,
        ["web_push"] = ChannelType.WebPush,
        ["dashboard"] = ChannelType.Dashboard,
    };

    public static IEnumerable<string> Names => ByName.Keys;

    public static bool TryParse(string name, out ChannelType type) => ByName.TryGetValue(name, out type);

    public static string Name(this ChannelType type) => ByName.First(pair => pair.Value == type).Key;

    /// <summary>Whether the channel is addressed by a URL rather than an address.</summary>
    public static bool IsHttp(this ChannelType type) => type is ChannelType.Slack or ChannelType.Webhook
        or ChannelType.AlertmanagerWebhook or ChannelType.Alertmanager or ChannelType.WebPush;

    /// <summary>
    /// The Avro <c>NotificationChannel</c> the audit records. The schema has no symbol for pushing
    /// to an Alertmanager's API, so it is audited as the Alertmanager-shaped channel it is closest to;
    /// the recipient (prefixed <c>alertmanager:</c>) tells them apart.
    /// </summary>
    public static NotificationChannel ToAvro(this ChannelType type) => type switch
    {
        ChannelType.Email => NotificationChannel.EMAIL,
        ChannelType.Sms => NotificationChannel.SMS,
        ChannelType.Slack => NotificationChannel.SLACK,
        ChannelType.Webhook => NotificationChannel.WEBHOOK,
        ChannelType.AlertmanagerWebhook or ChannelType.Alertmanager => NotificationChannel.ALERTMANAGER_WEBHOOK,
        ChannelType.WebPush => NotificationChannel.WEB_PUSH,
        ChannelType.Dashboard => NotificationChannel.DASHBOARD,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "unknown channel type"),
    };
}
