using Snappier;

namespace Streams.Collectors.Prometheus.RemoteWrite;

/// <summary>
/// Decodes a Prometheus remote-write 1.0 request body: Snappy block format (not the framed
/// format, spec "Protocol") around a <c>prometheus.WriteRequest</c>:
/// <code>
/// message WriteRequest { repeated TimeSeries timeseries = 1; reserved 2; repeated MetricMetadata metadata = 3; }
/// message TimeSeries   { repeated Label labels = 1; repeated Sample samples = 2; repeated Exemplar exemplars = 3; repeated Histogram histograms = 4; }
/// message Label        { string name = 1; string value = 2; }
/// message Sample       { double value = 1; int64 timestamp = 2; }
/// </code>
/// Exemplars, native histograms and metadata are skipped: they are not series values.
/// </summary>
internal static class RemoteWriteDecoder
{
    /// <summary>The series of a compressed request.</summary>
    /// <exception cref="InvalidDataException">Not Snappy, larger than <paramref name="maxBytes"/> decompressed, or not a WriteRequest.</exception>
    public static List<RemoteWriteSeries> Decode(ReadOnlySpan<byte> compressed, int maxBytes)
    {
        int length;
        try
        {
            length = Snappy.GetUncompressedLength(compressed);
        }
        catch (InvalidDataException ex)
        {
            throw new InvalidDataException("the body is not Snappy block-compressed: " + ex.Message, ex);
        }

        if (length > maxBytes)
        {
            throw new InvalidDataException($"the request decompresses to {length} bytes, more than the limit of {maxBytes}");
        }

        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(Math.Max(length, 1));
        try
        {
            int written;
            try
            {
                written = Snappy.Decompress(compressed, buffer);
            }
            catch (InvalidDataException ex)
            {
                throw new InvalidDataException("the body is not valid Snappy: " + ex.Message, ex);
            }

            return DecodeWriteRequest(buffer.AsSpan(0, written));
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>The series of an uncompressed <c>WriteRequest</c>.</summary>
    public static List<RemoteWriteSeries> DecodeWriteRequest(ReadOnlySpan<byte> message)
    {
        var series = new List<RemoteWriteSeries>();
        var labels = new List<KeyValuePair<string, string>>();
        var samples = new List<RemoteWriteSample>();
        var reader = new ProtoReader(message);
        while (!reader.End)
        {
            var (field, wire) = reader.ReadKey();
            if (field == 1 && wire == ProtoReader.WireLengthDelimited)
            {
                labels.Clear();
                samples.Clear();
                ReadTimeSeries(reader.ReadLengthDelimited(), labels, samples);
                series.Add(new RemoteWriteSeries([.. labels], [.. samples]));
            }
            else
            {
                reader.Skip(wire);
            }
        }

        return series;
    }

    private static void ReadTimeSeries(ReadOnlySpan<byte> message, List<KeyValuePair<string, string>> labels, List<RemoteWriteSample> samples)
    {
        var reader = new ProtoReader(message);
        while (!reader.End)
        {
            var (field, wire) = reader.ReadKey();
            switch (field)
            {
                case 1 when wire == ProtoReader.WireLengthDelimited:
                    labels.Add(ReadLabel(reader.ReadLengthDelimited()));
                    break;
                case 2 when wire == ProtoReader.WireLengthDelimited:
                    samples.Add(ReadSample(reader.ReadLengthDelimited()));
                    break;
                default:
                    reader.Skip(wire);
                    break;
            }
        }
    }

    private static KeyValuePair<string, string> ReadLabel(ReadOnlySpan<byte> message)
    {
        var reader = new ProtoReader(message);
        string name = "", value = "";
        while (!reader.End)
        {
            var (field, wire) = reader.ReadKey();
            switch (field)
            {
                case 1 when wire == ProtoReader.WireLengthDelimited:
                    name = reader.ReadString();
                    break;
                case 2 when wire == ProtoReader.WireLengthDelimited:
                    value = reader.ReadString();
                    break;
                default:
                    reader.Skip(wire);
                    break;
            }
        }

        return new(name, value);
    }

    private static RemoteWriteSample ReadSample(ReadOnlySpan<byte> message)
    {
        var reader = new ProtoReader(message);
        double value = 0;
        long timestamp = 0;
        while (!reader.End)
        {
            var (field, wire) = reader.ReadKey();
            switch (field)
            {
                case 1 when wire == ProtoReader.WireFixed64:
                    value = reader.ReadDouble();
                    break;
                case 2 when wire == ProtoReader.WireVarint:
                    timestamp = (long)reader.ReadVarint();
                    break;
                default:
                    reader.Skip(wire);
                    break;
            }
        }

        return new(value, timestamp);
    }
}
