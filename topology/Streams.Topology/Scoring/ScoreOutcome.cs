using io.streams.avro;
using Streams.Topology.DeadLetters;

namespace Streams.Topology.Scoring;

/// <summary>The scorer's output for one record of metrics.windows: an anomaly, a rejection, or neither.</summary>
internal sealed record ScoreOutcome(Anomaly? Anomaly, Rejection? Rejection)
{
    public static readonly ScoreOutcome None = new(null, null);
}
