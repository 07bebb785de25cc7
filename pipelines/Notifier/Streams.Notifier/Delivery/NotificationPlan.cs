using io.streams.avro;

namespace Streams.Notifier.Delivery;

/// <summary>What to do about an alert record or a timer tick: hold-backs to audit and deliveries to queue.</summary>
internal sealed record NotificationPlan(IReadOnlyList<Notification> Suppressed, IReadOnlyList<DeliveryRequest> Deliveries)
{
    public static readonly NotificationPlan Empty = new([], []);

    public bool IsEmpty => Suppressed.Count == 0 && Deliveries.Count == 0;
}
