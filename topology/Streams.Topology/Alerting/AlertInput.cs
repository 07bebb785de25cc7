namespace Streams.Topology.Alerting;

/// <summary>
/// The value of the alerting repartition topic: one byte of kind, the input's W3C traceparent
/// (one byte of length, 0 when it had none), then the input's Avro record as it was. The trace
/// context rides in the value because Streamiz does not carry headers through a repartition.
/// </summary>
internal static class AlertInput
{
    public static byte[] Wrap(AlertInputKind kind, byte[]? traceParent, byte[]? value)
    {
        var parent = traceParent is { Length: > 0 and <= byte.MaxValue } ? traceParent : [];
        return [(byte)kind, (byte)parent.Length, .. parent, .. value ?? []];
    }

    public static bool TryUnwrap(byte[]? value, out AlertInputKind kind, out byte[]? traceParent, out byte[] payload)
    {
        kind = default;
        traceParent = null;
        payload = [];
        if (value is not { Length: > 2 } || !Enum.IsDefined((AlertInputKind)value[0]) || value.Length < 2 + value[1] + 1)
        {
            return false;
        }

        kind = (AlertInputKind)value[0];
        traceParent = value[1] > 0 ? value[2..(2 + value[1])] : null;
        payload = value[(2 + value[1])..];
        return true;
    }
}
