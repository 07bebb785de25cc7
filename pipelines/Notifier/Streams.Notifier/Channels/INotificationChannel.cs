using Streams.Alerting.Notifications;

namespace Streams.Notifier.Channels;

/// <summary>
/// One way to reach a recipient. <see cref="SendAsync"/> returns once the other side accepted the
/// notification; it throws <see cref="PermanentDeliveryException"/> when retrying cannot help and
/// any other exception for a failure worth retrying.
/// </summary>
internal interface INotificationChannel
{
    ChannelType Type { get; }

    Task SendAsync(NotificationMessage message, ChannelTarget target, CancellationToken cancellationToken);
}
