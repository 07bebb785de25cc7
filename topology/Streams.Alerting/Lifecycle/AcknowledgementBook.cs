using System.Collections.Concurrent;

namespace Streams.Alerting.Lifecycle;

/// <summary>The latest acknowledgement of each alert fingerprint, kept in step with the alert-rules topic.</summary>
public sealed class AcknowledgementBook
{
    private readonly ConcurrentDictionary<string, Acknowledgement> acks = new(StringComparer.Ordinal);

    public void Publish(Acknowledgement ack)
    {
        ArgumentNullException.ThrowIfNull(ack);
        acks[ack.Fingerprint] = ack;
    }

    public void Remove(string fingerprint) => acks.TryRemove(fingerprint, out _);

    public Acknowledgement? Find(string fingerprint) => acks.GetValueOrDefault(fingerprint);
}
