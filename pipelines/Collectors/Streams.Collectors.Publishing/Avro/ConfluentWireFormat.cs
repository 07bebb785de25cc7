using System.Buffers.Binary;

namespace Streams.Collectors.Publishing.Avro;

/// <summary>Confluent's wire format: magic byte 0, the schema id as a big-endian int32, then the Avro body.</summary>
internal static class ConfluentWireFormat
{
    public const int HeaderBytes = 5;

    public static void WriteHeader(Span<byte> destination, int schemaId)
    {
        destination[0] = 0;
        BinaryPrimitives.WriteInt32BigEndian(destination[1..], schemaId);
    }
}
