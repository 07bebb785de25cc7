using io.streams.avro;
using Streams.Alerting.Notifications;
using Streams.Notifier.Channels;

namespace Streams.Notifier.Delivery;

/// <summary>
/// One message to one recipient over one channel, and the audit records it settles: one per alert
/// in it that the recipient was not told of yet (alerts already notified ride along for context).
/// </summary>
internal sealed record DeliveryRequest(NotificationMessage Message, ChannelTarget Target, IReadOnlyList<Notification> Records)
{
    /// <summary>Completes when every record reached its final status and was audited.</summary>
    public TaskCompletionSource Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
