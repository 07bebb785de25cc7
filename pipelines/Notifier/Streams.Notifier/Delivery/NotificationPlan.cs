using io.streams.avro;

namespace Streams.Notifier.Delivery;

/// <summary>
/// What to do about an alert record or a timer tick: hold-backs to audit, the group notifications
/// due with the deliveries each expands to, and the record's changes that groups hold for later.
/// </summary>
internal sealed record NotificationPlan(IReadOnlyList<Notification> Suppressed, IReadOnlyList<DueNotification> Due, IReadOnlyList<Task> Held)
{
    public static readonly NotificationPlan Empty = new([], [], []);

    public IReadOnlyList<DeliveryRequest> Deliveries => [.. Due.SelectMany(d => d.Deliveries)];

    public bool IsEmpty => Suppressed.Count == 0 && Due.Count == 0 && Held.Count == 0;
}
