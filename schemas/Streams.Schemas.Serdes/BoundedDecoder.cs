using Avro;
using Avro.IO;

namespace Streams.Schemas.Serdes;

/// <summary>
/// Apache.Avro's <see cref="BinaryDecoder"/> with every length and count it reads checked against
/// the bytes left in the body. Unchecked, a 100-byte record announcing a 1 GiB string made
/// Apache.Avro 1.12 allocate the GiB before it found the body too short (3 s and 1 GB resident per
/// record, found by tests/fuzz); a block count sizes a list up front the same way. Every string,
/// bytes, map entry and array item of our schemas takes at least one byte, so a count above the
/// bytes left cannot be a real record.
/// </summary>
internal sealed class BoundedDecoder(Stream stream) : Decoder
{
    private readonly BinaryDecoder _inner = new(stream);

    public string ReadString() => System.Text.Encoding.UTF8.GetString(ReadLengthPrefixed("string"));

    public byte[] ReadBytes() => ReadLengthPrefixed("bytes");

    public long ReadArrayStart() => Checked(_inner.ReadArrayStart(), "array block");

    public long ReadArrayNext() => Checked(_inner.ReadArrayNext(), "array block");

    public long ReadMapStart() => Checked(_inner.ReadMapStart(), "map block");

    public long ReadMapNext() => Checked(_inner.ReadMapNext(), "map block");

    public void ReadNull() => _inner.ReadNull();

    public bool ReadBoolean() => _inner.ReadBoolean();

    public int ReadInt() => _inner.ReadInt();

    public long ReadLong() => _inner.ReadLong();

    public float ReadFloat() => _inner.ReadFloat();

    public double ReadDouble() => _inner.ReadDouble();

    public int ReadEnum() => _inner.ReadEnum();

    public int ReadUnionIndex() => _inner.ReadUnionIndex();

    public void ReadFixed(byte[] buffer) => _inner.ReadFixed(buffer);

    public void ReadFixed(byte[] buffer, int start, int length) => _inner.ReadFixed(buffer, start, length);

    public void SkipNull() => _inner.SkipNull();

    public void SkipBoolean() => _inner.SkipBoolean();

    public void SkipInt() => _inner.SkipInt();

    public void SkipLong() => _inner.SkipLong();

    public void SkipFloat() => _inner.SkipFloat();

    public void SkipDouble() => _inner.SkipDouble();

    public void SkipBytes() => ReadLengthPrefixed("bytes");

    public void SkipString() => ReadLengthPrefixed("string");

    public void SkipEnum() => _inner.SkipEnum();

    public void SkipUnionIndex() => _inner.SkipUnionIndex();

    public void SkipFixed(int len) => _inner.SkipFixed(len);

    private byte[] ReadLengthPrefixed(string what)
    {
        var bytes = new byte[Checked(_inner.ReadLong(), what + " length")];
        _inner.ReadFixed(bytes);
        return bytes;
    }

    private long Checked(long value, string what)
    {
        var left = stream.Length - stream.Position;
        return value >= 0 && value <= left
            ? value
            : throw new AvroException($"{what} {value} at byte {stream.Position} does not fit the {left} bytes left");
    }
}
