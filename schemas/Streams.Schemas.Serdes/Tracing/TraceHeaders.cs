using System.Diagnostics;
using System.Text;

namespace Streams.Schemas.Serdes.Tracing;

/// <summary>
/// W3C trace context (<c>traceparent</c>, <c>tracestate</c>) in Kafka record headers: part of
/// every topic's contract, so one sample can be followed from its collector to the alert and the
/// notification in any OTLP backend. Each stage starts its span as a child of the context it
/// read, then writes its own span's context on what it produces. Header access goes through
/// delegates so this contract needs no Kafka client.
/// </summary>
public static class TraceHeaders
{
    public const string TraceParent = "traceparent";
    public const string TraceState = "tracestate";

    /// <summary>
    /// Starts a span of <paramref name="source"/> for one record, child of the context in its
    /// headers (or a root span); null when nobody listens or the sampler drops it.
    /// </summary>
    public static Activity? StartSpan(ActivitySource source, string name, ActivityKind kind, Func<string, byte[]?> header)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(header);
        if (!source.HasListeners())
        {
            return null;
        }

        var parent = Parent(header);
        return parent is { } context ? source.StartActivity(name, kind, context) : source.StartActivity(name, kind);
    }

    /// <summary>The context a record carries, if it carries a valid one.</summary>
    public static ActivityContext? Parent(Func<string, byte[]?> header)
    {
        ArgumentNullException.ThrowIfNull(header);
        return header(TraceParent) is { } parent
            && ActivityContext.TryParse(Encoding.ASCII.GetString(parent), header(TraceState) is { } state ? Encoding.ASCII.GetString(state) : null, out var context)
            ? context
            : null;
    }

    /// <summary>Writes <paramref name="activity"/>'s context with <paramref name="setHeader"/> (which replaces any earlier value).</summary>
    public static void Inject(Activity? activity, Action<string, byte[]> setHeader)
    {
        ArgumentNullException.ThrowIfNull(setHeader);
        if (activity is null)
        {
            return;
        }

        setHeader(TraceParent, Encoding.ASCII.GetBytes(activity.Id!));
        if (!string.IsNullOrEmpty(activity.TraceStateString))
        {
            setHeader(TraceState, Encoding.ASCII.GetBytes(activity.TraceStateString));
        }
    }
}
