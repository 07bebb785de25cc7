using System.Buffers.Binary;
using System.Text;

namespace Streams.Platform.Kafka.Protocol;

/// <summary>
/// Reads the Kafka wire format (big-endian, classic and "flexible" compact encodings) from one
/// request or response frame. Only the fields the journal needs are interpreted; the rest is skipped.
/// </summary>
internal ref struct KafkaReader(ReadOnlySpan<byte> buffer, bool flexible)
{
    private readonly ReadOnlySpan<byte> _buffer = buffer;

    public int Position { get; private set; }

    public readonly bool Flexible => flexible;

    public readonly int Remaining => _buffer.Length - Position;

    public short Int16()
    {
        var value = BinaryPrimitives.ReadInt16BigEndian(Take(2));
        return value;
    }

    public int Int32() => BinaryPrimitives.ReadInt32BigEndian(Take(4));

    public long Int64() => BinaryPrimitives.ReadInt64BigEndian(Take(8));

    public void Skip(int bytes) => Take(bytes);

    public ReadOnlySpan<byte> Uuid() => Take(16);

    /// <summary>An array's length: int32 (−1 = null), or in flexible versions an unsigned varint of N+1.</summary>
    public int ArrayLength() => flexible ? (int)UVarInt() - 1 : Int32();

    public string? String()
    {
        var length = flexible ? (int)UVarInt() - 1 : Int16();
        return length < 0 ? null : Encoding.UTF8.GetString(Take(length));
    }

    /// <summary>A nullable byte field (records): its span, empty for null.</summary>
    public ReadOnlySpan<byte> Bytes()
    {
        var length = flexible ? (int)UVarInt() - 1 : Int32();
        return length < 0 ? [] : Take(length);
    }

    /// <summary>Skips a flexible version's tagged fields; nothing in classic versions.</summary>
    public void TaggedFields()
    {
        if (!flexible)
        {
            return;
        }

        var count = UVarInt();
        for (var i = 0u; i < count; i++)
        {
            UVarInt();
            Skip((int)UVarInt());
        }
    }

    public uint UVarInt()
    {
        uint value = 0;
        for (var shift = 0; shift < 35; shift += 7)
        {
            var b = Take(1)[0];
            value |= (uint)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return value;
            }
        }

        throw new InvalidDataException("A Kafka varint is longer than 5 bytes.");
    }

    private ReadOnlySpan<byte> Take(int bytes)
    {
        if (bytes < 0 || bytes > Remaining)
        {
            throw new InvalidDataException($"A Kafka frame ends {bytes - Remaining} byte(s) early at position {Position}.");
        }

        var span = _buffer.Slice(Position, bytes);
        Position += bytes;
        return span;
    }
}
