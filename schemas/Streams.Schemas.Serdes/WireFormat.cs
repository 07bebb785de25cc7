using System.Buffers.Binary;

namespace Streams.Schemas.Serdes;

/// <summary>
/// Confluent's wire format: a zero magic byte, the schema id as a big-endian int32, then the
/// Avro binary body. Every Confluent client, kcat -s avro and ksqlDB read and write it. The one
/// owner of that header: the serdes, the collectors' spool and the sink's transcoders frame and
/// unframe with it.
/// </summary>
public static class WireFormat
{
    public const byte MagicByte = 0;
    public const int HeaderSize = 5;

    public static void WriteHeader(Span<byte> destination, int schemaId)
    {
        destination[0] = MagicByte;
        BinaryPrimitives.WriteInt32BigEndian(destination[1..], schemaId);
    }

    /// <summary>The schema id of a framed payload.</summary>
    /// <exception cref="InvalidDataException">Not Confluent-framed; the message shows what came instead.</exception>
    public static int ReadSchemaId(ReadOnlySpan<byte> data, string record, string topic)
    {
        if (data.Length < HeaderSize)
        {
            throw new InvalidDataException(
                $"Cannot read {record} from '{topic}': {data.Length} bytes are fewer than the {HeaderSize}-byte Confluent header (first bytes {Preview(data)}).");
        }

        if (data[0] != MagicByte)
        {
            throw new InvalidDataException(
                $"Cannot read {record} from '{topic}': magic byte is {data[0]}, not {MagicByte}; the payload is not in Confluent's wire format (first bytes {Preview(data)}).");
        }

        return BinaryPrimitives.ReadInt32BigEndian(data[1..]);
    }

    /// <summary>The schema id of a framed payload with a body, or false when it is not framed (the caller then takes its generic way, which says why).</summary>
    public static bool TryReadSchemaId(ReadOnlySpan<byte> data, out int schemaId)
    {
        schemaId = data.Length > HeaderSize && data[0] == MagicByte ? BinaryPrimitives.ReadInt32BigEndian(data[1..]) : 0;
        return data.Length > HeaderSize && data[0] == MagicByte;
    }

    public static string Preview(ReadOnlySpan<byte> data) => Convert.ToHexString(data[..Math.Min(data.Length, 16)]);
}
