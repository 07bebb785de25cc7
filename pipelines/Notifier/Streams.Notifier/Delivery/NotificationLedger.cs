using System.Collections.Concurrent;
using io.streams.avro;

namespace Streams.Notifier.Delivery;

/// <summary>
/// Which notification ids were already decided, learnt from the <c>notifications</c> topic at start
/// and kept current as this and other instances write it. An id is claimed before its delivery is
/// queued, so a replayed or duplicated alert record finds it taken and pages nobody twice.
/// PENDING alone (a delivery cut short by a crash) does not count: that one is delivered again.
/// </summary>
internal sealed class NotificationLedger
{
    private readonly ConcurrentDictionary<string, NotificationStatus> known = new(StringComparer.Ordinal);

    public int Count => known.Count;

    /// <summary>Applies a record read from the topic.</summary>
    public void Observe(string id, NotificationStatus status)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (status is NotificationStatus.SENT or NotificationStatus.FAILED or NotificationStatus.SUPPRESSED)
        {
            known[id] = status;
        }
    }

    /// <summary>True for the one caller that may deliver <paramref name="id"/>; false when it is taken or done.</summary>
    public bool TryClaim(string id) => known.TryAdd(id, NotificationStatus.PENDING);

    public void Complete(string id, NotificationStatus status) => known[id] = status;

    /// <summary>Whether the notification went out or is on its way (a resolved follows only a firing that did).</summary>
    public bool WasDelivered(string id) => known.TryGetValue(id, out var status) && status is NotificationStatus.SENT or NotificationStatus.PENDING;
}
