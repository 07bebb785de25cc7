using System.Diagnostics;
using Confluent.Kafka;

namespace Streams.Schemas.Serdes.Tracing;

/// <summary><see cref="TraceHeaders"/> over Confluent's <see cref="Headers"/>, which every stage's records carry.</summary>
public static class KafkaTraceHeaders
{
    /// <summary>Starts a stage's span for a record, child of the record's trace context; null when not sampled or nobody listens.</summary>
    public static Activity? StartSpan(this Headers? headers, ActivitySource source, string name, ActivityKind kind = ActivityKind.Consumer) =>
        TraceHeaders.StartSpan(source, name, kind, key => headers is not null && headers.TryGetLastBytes(key, out var value) ? value : null);

    /// <summary>Puts <paramref name="activity"/>'s context on <paramref name="headers"/>, replacing the one read, so the next stage is its child.</summary>
    public static void SetTraceContext(this Headers headers, Activity? activity)
    {
        ArgumentNullException.ThrowIfNull(headers);
        TraceHeaders.Inject(activity, (key, value) =>
        {
            headers.Remove(key);
            headers.Add(key, value);
        });
    }
}
