using System.Text.Unicode;

namespace Streams.Sinks.ClickHouse.RowBinary;

/// <summary>
/// Reads Avro's binary encoding from a span without allocating. Every read says whether the
/// bytes were well-formed; a false leaves the cursor somewhere inside the value.
/// </summary>
internal ref struct AvroCursor(ReadOnlySpan<byte> data)
{
    private readonly ReadOnlySpan<byte> data = data;

    public int Position { get; private set; }

    public readonly bool AtEnd => Position == data.Length;

    /// <summary>A zigzag varint of at most 10 bytes (an Avro int or long).</summary>
    public bool TryReadLong(out long value)
    {
        ulong bits = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (Position >= data.Length)
            {
                break;
            }

            var b = data[Position++];
            if (shift == 63 && b > 1)
            {
                break; // more than 64 bits
            }

            bits |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                value = (long)(bits >> 1) ^ -(long)(bits & 1);
                return true;
            }
        }

        value = 0;
        return false;
    }

    /// <summary>An Avro int: a varint whose value fits 32 bits.</summary>
    public bool TryReadInt(out int value)
    {
        var ok = TryReadLong(out var wide) && wide is >= int.MinValue and <= int.MaxValue;
        value = ok ? (int)wide : 0;
        return ok;
    }

    /// <summary>An index below <paramref name="count"/> (a union branch or an enum symbol).</summary>
    public bool TryReadIndex(int count, out int index)
    {
        var ok = TryReadLong(out var wide) && wide >= 0 && wide < count;
        index = ok ? (int)wide : 0;
        return ok;
    }

    /// <summary>A string's UTF-8 bytes, which must be valid UTF-8.</summary>
    public bool TryReadString(out ReadOnlySpan<byte> utf8)
    {
        if (TryReadLong(out var length) && length >= 0 && length <= data.Length - Position)
        {
            utf8 = data.Slice(Position, (int)length);
            Position += (int)length;
            return Utf8.IsValid(utf8);
        }

        utf8 = default;
        return false;
    }

    /// <summary>The 8 bytes of a double, little-endian as in RowBinary.</summary>
    public bool TryReadDouble(out ReadOnlySpan<byte> bytes)
    {
        if (data.Length - Position >= sizeof(double))
        {
            bytes = data.Slice(Position, sizeof(double));
            Position += sizeof(double);
            return true;
        }

        bytes = default;
        return false;
    }

    /// <summary>A boolean: exactly one byte, 0 or 1.</summary>
    public bool TryReadBoolean(out bool value)
    {
        if (Position < data.Length && data[Position] <= 1)
        {
            value = data[Position++] == 1;
            return true;
        }

        value = false;
        return false;
    }
}
