namespace Streams.Alerting.Notifications;

/// <summary>How a preference reaches its recipient; the JSON names are in <see cref="ChannelTypes"/>.</summary>
public enum ChannelType
{
    Email,
    Sms,
    Slack,
    Webhook,
    AlertmanagerWebhook,
    Alertmanager,
    WebPush,
    Dashboard,
}
