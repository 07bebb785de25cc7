using Google.Protobuf;
using Snappier;

namespace Streams.Collectors.Prometheus.Tests.Support;

/// <summary>Builds remote-write 1.0 bodies with Google.Protobuf's encoder, independent of the receiver's decoder. Linked into the benchmarks.</summary>
public static class WriteRequests
{
    /// <summary>A Snappy-compressed <c>WriteRequest</c> of the given series.</summary>
    public static byte[] Compressed(IEnumerable<(IReadOnlyList<(string Name, string Value)> Labels, IReadOnlyList<(double Value, long TimestampMs)> Samples)> series) =>
        Snappy.CompressToArray(Encode(series));

    public static byte[] Encode(IEnumerable<(IReadOnlyList<(string Name, string Value)> Labels, IReadOnlyList<(double Value, long TimestampMs)> Samples)> series)
    {
        using var stream = new MemoryStream();
        var output = new CodedOutputStream(stream);
        foreach (var (labels, samples) in series)
        {
            output.WriteTag(1, WireFormat.WireType.LengthDelimited);
            output.WriteBytes(ByteString.CopyFrom(TimeSeries(labels, samples)));
        }

        output.Flush();
        return stream.ToArray();
    }

    private static byte[] TimeSeries(IReadOnlyList<(string Name, string Value)> labels, IReadOnlyList<(double Value, long TimestampMs)> samples)
    {
        using var stream = new MemoryStream();
        var output = new CodedOutputStream(stream);
        foreach (var (name, value) in labels)
        {
            output.WriteTag(1, WireFormat.WireType.LengthDelimited);
            output.WriteBytes(ByteString.CopyFrom(Message(o =>
            {
                o.WriteTag(1, WireFormat.WireType.LengthDelimited);
                o.WriteString(name);
                o.WriteTag(2, WireFormat.WireType.LengthDelimited);
                o.WriteString(value);
            })));
        }

        foreach (var (value, timestamp) in samples)
        {
            output.WriteTag(2, WireFormat.WireType.LengthDelimited);
            output.WriteBytes(ByteString.CopyFrom(Message(o =>
            {
                o.WriteTag(1, WireFormat.WireType.Fixed64);
                o.WriteDouble(value);
                o.WriteTag(2, WireFormat.WireType.Varint);
                o.WriteInt64(timestamp);
            })));
        }

        output.Flush();
        return stream.ToArray();
    }

    private static byte[] Message(Action<CodedOutputStream> write)
    {
        using var stream = new MemoryStream();
        var output = new CodedOutputStream(stream);
        write(output);
        output.Flush();
        return stream.ToArray();
    }
}
