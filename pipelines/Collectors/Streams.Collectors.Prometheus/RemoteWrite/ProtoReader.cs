using System.Buffers.Binary;
using System.Text;

namespace Streams.Collectors.Prometheus.RemoteWrite;

/// <summary>
/// A forward-only reader of the protobuf wire format (protobuf.dev "Encoding"): varint keys, and
/// the three wire types remote write uses (VARINT 0, I64 1, LEN 2) plus I32 5 to skip unknown
/// fields. Reading spans in place, it allocates only the label strings; a generated message class
/// would allocate an object per label and sample.
/// </summary>
internal ref struct ProtoReader(ReadOnlySpan<byte> buffer)
{
    public const int WireVarint = 0;
    public const int WireFixed64 = 1;
    public const int WireLengthDelimited = 2;
    public const int WireFixed32 = 5;

    private readonly ReadOnlySpan<byte> _buffer = buffer;
    private int _position;

    public readonly bool End => _position >= _buffer.Length;

    /// <summary>The next field's number and wire type.</summary>
    public (int Field, int WireType) ReadKey()
    {
        var key = ReadVarint();
        var field = (int)(key >> 3);
        if (field <= 0)
        {
            throw new InvalidDataException($"protobuf field number {field} at byte {_position}");
        }

        return (field, (int)(key & 7));
    }

    public ulong ReadVarint()
    {
        ulong result = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (_position >= _buffer.Length)
            {
                throw new InvalidDataException("protobuf varint runs past the end of the message");
            }

            var b = _buffer[_position++];
            result |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return result;
            }
        }

        throw new InvalidDataException("protobuf varint longer than 10 bytes");
    }

    public double ReadDouble() => BitConverter.Int64BitsToDouble(BinaryPrimitives.ReadInt64LittleEndian(Take(8)));

    public ReadOnlySpan<byte> ReadLengthDelimited()
    {
        var length = ReadVarint();
        return length > (ulong)(_buffer.Length - _position)
            ? throw new InvalidDataException($"protobuf length {length} runs past the end of the message")
            : Take((int)length);
    }

    public string ReadString() => Encoding.UTF8.GetString(ReadLengthDelimited());

    public void Skip(int wireType)
    {
        switch (wireType)
        {
            case WireVarint:
                ReadVarint();
                break;
            case WireFixed64:
                Take(8);
                break;
            case WireLengthDelimited:
                ReadLengthDelimited();
                break;
            case WireFixed32:
                Take(4);
                break;
            default:
                // Groups (3, 4) are deprecated and never in remote write; anything else is not protobuf.
                throw new InvalidDataException($"protobuf wire type {wireType} at byte {_position}");
        }
    }

    private ReadOnlySpan<byte> Take(int count)
    {
        if (_buffer.Length - _position < count)
        {
            throw new InvalidDataException("protobuf field runs past the end of the message");
        }

        var span = _buffer.Slice(_position, count);
        _position += count;
        return span;
    }
}
