using System.Diagnostics;
using Confluent.Kafka;
using Streams.Schemas.Serdes.Tracing;

namespace Streams.Topology.Tracing;

/// <summary>
/// A span per record for the stages a trace is followed through. Streamiz forwards the input
/// record's headers with what a transformer emits, so writing the stage's own span context on
/// them makes the next stage its child.
/// </summary>
internal static class TopologyTracing
{
    public static readonly ActivitySource Source = new("Streams.Topology");

    public static Activity? StartStage(Headers? headers, string stage)
    {
        var span = headers.StartSpan(Source, stage);
        if (span is not null)
        {
            headers?.SetTraceContext(span);
        }

        return span;
    }
}
