using io.streams.avro;
using Streams.Topology.DeadLetters;

namespace Streams.Topology.Alerting;

/// <summary>The alert changes one input or one tick caused, or the input's rejection; <paramref name="TraceParent"/> is the context the alert records carry on.</summary>
internal sealed record AlertOutcome(IReadOnlyList<Alert> Alerts, Rejection? Rejection, string? TraceParent = null)
{
    public static readonly AlertOutcome None = new([], null);
}
