using io.streams.avro;
using Microsoft.Extensions.Options;
using Streams.Alerting.Notifications;
using Streams.Notifier.Channels;

namespace Streams.Notifier.Delivery;

/// <summary>
/// Turns alert state changes into deliveries: the router picks the preferences, the grouping
/// dispatcher decides when a group is notified, and the ledger decides, per alert, recipient and
/// channel, whether the notification is new. A resolved or acknowledged alert goes only to the
/// recipients its firing reached. Called from the consume loop's thread alone.
/// </summary>
internal sealed class NotificationPlanner(PreferenceStore preferences, NotificationLedger ledger, TimeProvider clock, IOptions<NotifierOptions> options)
{
    private readonly GroupingDispatcher dispatcher = new(clock);

    public NotificationPlan OnAlert(Alert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var now = clock.GetUtcNow();
        var decision = NotificationRouter.Route(alert, preferences.Current, now);
        var suppressed = new List<Notification>();
        foreach (var held in decision.Suppressed)
        {
            var recipient = held.Channel.Recipient;
            if (alert.state != AlertState.FIRING && !ledger.WasDelivered(FiringId(alert, held.Channel.Type, recipient)))
            {
                continue;
            }

            var id = NotificationId.Suppressed(NotificationId.For(alert.fingerprint, alert.state, alert.startsAt, held.Channel.Type, recipient), held.ReasonKind);
            if (ledger.TryClaim(id))
            {
                ledger.Complete(id, NotificationStatus.SUPPRESSED);
                suppressed.Add(Record(id, alert, held.Channel, NotificationStatus.SUPPRESSED, now.UtcDateTime, held.Reason));
            }
        }

        dispatcher.Follow(preferences.Current);
        var waiting = decision.Notify.Select(p => dispatcher.Add(alert, p)).Where(t => !t.IsCompleted).ToList();
        return new NotificationPlan(suppressed, Expand(dispatcher.Tick(), now), waiting);
    }

    public NotificationPlan OnTick()
    {
        dispatcher.Follow(preferences.Current);
        var due = dispatcher.Tick();
        return due.Count == 0 ? NotificationPlan.Empty : new NotificationPlan([], Expand(due, clock.GetUtcNow()), []);
    }

    /// <summary>
    /// A digest of the audit ids a delivery settles. A notifier killed after the send and before
    /// the SENT record finds those ids undecided and sends again (at least once, as Alertmanager's
    /// notification log does); the same records give the same id, so a receiver can drop the copy.
    /// </summary>
    private static string DeliveryId(List<Notification> records)
    {
        var ids = string.Join('\n', records.Select(r => r.id).Order(StringComparer.Ordinal));
        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(ids)))[..32];
    }

    private static string FiringId(Alert alert, ChannelType type, string recipient) =>
        NotificationId.For(alert.fingerprint, AlertState.FIRING, alert.startsAt, type, recipient);

    private static Notification Record(string id, Alert alert, ChannelTarget channel, NotificationStatus status, DateTime at, string? error = null) => new()
    {
        id = id,
        alertFingerprint = alert.fingerprint,
        alertState = alert.state,
        severity = alert.severity,
        channel = channel.Type.ToAvro(),
        recipient = channel.Recipient,
        status = status,
        attempt = 0,
        error = error,
        createdAt = at,
        updatedAt = at,
    };

    private List<DueNotification> Expand(IReadOnlyList<NotificationBatch> batches, DateTimeOffset now)
    {
        var due = new List<DueNotification>();
        foreach (var batch in batches)
        {
            var requests = new List<DeliveryRequest>();
            foreach (var channel in batch.Preference.Channels)
            {
                var recipient = channel.Recipient;
                var included = new List<Alert>();
                var records = new List<Notification>();
                foreach (var alert in batch.Alerts)
                {
                    if (alert.state != AlertState.FIRING && !ledger.WasDelivered(FiringId(alert, channel.Type, recipient)))
                    {
                        continue;
                    }

                    included.Add(alert);
                    var id = NotificationId.For(alert.fingerprint, alert.state, alert.startsAt, channel.Type, recipient, batch.RepeatNumber(alert));
                    if (ledger.TryClaim(id))
                    {
                        records.Add(Record(id, alert, channel, NotificationStatus.PENDING, now.UtcDateTime));
                    }
                }

                if (records.Count > 0)
                {
                    requests.Add(new DeliveryRequest(new NotificationMessage(batch, included, options.Value.DashboardBaseUrl, DeliveryId(records)), channel, records));
                }
            }

            due.Add(new DueNotification(batch, requests));
        }

        return due;
    }
}
