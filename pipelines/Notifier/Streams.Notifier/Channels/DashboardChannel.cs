using io.streams.avro;
using Streams.Alerting.Notifications;
using Streams.Notifier.Delivery;
using Streams.Schemas.Topics;

namespace Streams.Notifier.Channels;

/// <summary>
/// The dashboard's live feed: a <see cref="DashboardNotification"/> on <c>notifications.dashboard</c>,
/// which every API instance relays to its WebSocket clients. Sent means the topic has it, so the
/// notifier and the API may run in different processes, as the Compose file and Kubernetes run them.
/// </summary>
internal sealed class DashboardChannel(NotifierProducer producer, TimeProvider clock) : INotificationChannel
{
    public ChannelType Type => ChannelType.Dashboard;

    public Task SendAsync(NotificationMessage message, ChannelTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(target);
        var record = new DashboardNotification
        {
            recipient = target.Recipient,
            alertState = message.Status,
            severity = message.Severity,
            title = message.Title,
            text = message.Text,
            groupKey = message.Batch.GroupKey,
            alertFingerprints = [.. message.Alerts.Select(a => a.fingerprint)],
            sentAt = clock.GetUtcNow().UtcDateTime,
        };
        return producer.ProduceAsync(TopicCatalogue.DashboardNotifications.Name, target.Recipient, record, cancellationToken);
    }
}
