using Streams.Alerting.Notifications;

namespace Streams.Notifier.Channels;

/// <summary>The dashboard's live feed: delivered as soon as it is on the in-process feed.</summary>
internal sealed class DashboardChannel(NotificationFeed feed, TimeProvider clock) : INotificationChannel
{
    public ChannelType Type => ChannelType.Dashboard;

    public Task SendAsync(NotificationMessage message, ChannelTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(target);
        feed.Publish(new NotificationFeedItem(
            target.Recipient,
            message.Status.ToString(),
            message.Severity.ToString(),
            message.Title,
            message.Text,
            message.Batch.GroupKey,
            [.. message.Alerts.Select(a => a.fingerprint)],
            clock.GetUtcNow()));
        return Task.CompletedTask;
    }
}
