using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace Streams.Platform.Kafka.Protocol;

/// <summary>Writes classic (non-flexible) Kafka requests for the journal's replay client.</summary>
internal sealed class KafkaWriter(ArrayBufferWriter<byte> buffer)
{
    public void Int16(short value)
    {
        BinaryPrimitives.WriteInt16BigEndian(buffer.GetSpan(2), value);
        buffer.Advance(2);
    }

    public void Int32(int value)
    {
        BinaryPrimitives.WriteInt32BigEndian(buffer.GetSpan(4), value);
        buffer.Advance(4);
    }

    public void Int64(long value)
    {
        BinaryPrimitives.WriteInt64BigEndian(buffer.GetSpan(8), value);
        buffer.Advance(8);
    }

    public void String(string? value)
    {
        if (value is null)
        {
            Int16(-1);
            return;
        }

        var bytes = Encoding.UTF8.GetBytes(value);
        Int16(checked((short)bytes.Length));
        buffer.Write(bytes);
    }

    public void Bytes(ReadOnlySpan<byte> value)
    {
        Int32(value.Length);
        buffer.Write(value);
    }
}
