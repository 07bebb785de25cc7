using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace Streams.Sinks.ClickHouse.RowBinary;

/// <summary>
/// Rows in ClickHouse's RowBinary format, written into one array rented from a pool of the
/// sink's own and grown by doubling. Rows are checked before their first byte is written, so a
/// row is never left half-written. Not thread-safe: one buffer per decoded chunk of records.
/// </summary>
internal sealed class RowBinaryBuffer : IDisposable
{
    // ~2,048 records of ~90 bytes fit the first array. The shared pool keeps only a few arrays
    // of a size per core, and a batch holds hundreds of them; the rest would be allocated on the
    // large object heap each time, so the sink keeps a pool that can hold them all.
    private const int InitialBytes = 256 << 10;
    private static readonly ArrayPool<byte> Pool = ArrayPool<byte>.Create(maxArrayLength: 64 << 20, maxArraysPerBucket: 512);

    private byte[] array = Pool.Rent(InitialBytes);

    /// <summary>Bytes written.</summary>
    public int Length { get; private set; }

    /// <summary>Rows written (<see cref="EndRow"/> calls not taken back).</summary>
    public int Rows { get; private set; }

    public ReadOnlyMemory<byte> Written => array.AsMemory(0, Length);

    public void EndRow() => Rows++;

    public void WriteByte(byte value) => Reserve(1)[0] = value;

    /// <summary>The byte before a Nullable column's value: 1 for NULL (and no value follows), 0 when a value follows.</summary>
    public void WriteNullFlag(bool isNull) => WriteBool(isNull);

    public void WriteBool(bool value) => WriteByte(value ? (byte)1 : (byte)0);

    public void WriteUInt32(uint value) => BinaryPrimitives.WriteUInt32LittleEndian(Reserve(sizeof(uint)), value);

    public void WriteInt64(long value) => BinaryPrimitives.WriteInt64LittleEndian(Reserve(sizeof(long)), value);

    public void WriteFloat64(double value) => BinaryPrimitives.WriteDoubleLittleEndian(Reserve(sizeof(double)), value);

    /// <summary>An unsigned LEB128 varint: RowBinary's length of a string and size of a map.</summary>
    public void WriteVarUInt(ulong value)
    {
        var span = Reserve(10);
        var written = 0;
        while (value >= 0x80)
        {
            span[written++] = (byte)(value | 0x80);
            value >>= 7;
        }

        span[written++] = (byte)value;
        Length -= 10 - written;
    }

    /// <summary>A String: its length, then its UTF-8 bytes.</summary>
    public void WriteString(ReadOnlySpan<byte> utf8)
    {
        WriteVarUInt((ulong)utf8.Length);
        WriteRaw(utf8);
    }

    public void WriteString(string value)
    {
        var bytes = Encoding.UTF8.GetByteCount(value);
        WriteVarUInt((ulong)bytes);
        Encoding.UTF8.GetBytes(value, Reserve(bytes));
    }

    /// <summary>Bytes already in RowBinary form (e.g. a prepared string).</summary>
    public void WriteRaw(ReadOnlySpan<byte> bytes) => bytes.CopyTo(Reserve(bytes.Length));

    public void Dispose()
    {
        if (array.Length > 0)
        {
            Pool.Return(array);
            array = [];
            Length = 0;
        }
    }

    private Span<byte> Reserve(int count)
    {
        if (array.Length - Length < count)
        {
            Grow(count);
        }

        var span = array.AsSpan(Length, count);
        Length += count;
        return span;
    }

    private void Grow(int count)
    {
        ObjectDisposedException.ThrowIf(array.Length == 0, this);
        var larger = Pool.Rent(Math.Max(array.Length * 2, Length + count));
        array.AsSpan(0, Length).CopyTo(larger);
        Pool.Return(array);
        array = larger;
    }
}
