using io.streams.avro;
using Streams.Scoring.Artifacts;
using Streams.Topology.DeadLetters;

namespace Streams.Topology.Scoring;

/// <summary>
/// The scorer's output for one record of metrics.windows: an anomaly, a rejection, or neither;
/// and, when the host got a new model or cold-start judge, the record the scorer publishes on <c>models</c>.
/// </summary>
internal sealed record ScoreOutcome(Anomaly? Anomaly, Rejection? Rejection, ModelMetadata? Publication = null)
{
    public static readonly ScoreOutcome None = new(null, null);
}
