using Streams.Alerting.Notifications;

namespace Streams.Notifier.Delivery;

/// <summary>
/// A group notification and the deliveries it expands to: none when the ledger knows every
/// recipient was told already, yet the records it carries must still be settled.
/// </summary>
internal sealed record DueNotification(NotificationBatch Batch, IReadOnlyList<DeliveryRequest> Deliveries);
