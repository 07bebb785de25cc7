using System.Buffers.Binary;
using System.IO.Compression;

namespace Streams.Collectors.Zabbix.Protocol;

/// <summary>
/// The Zabbix protocol's framing (Zabbix manual, "Header and data length"): <c>"ZBXD"</c>, a flags
/// byte (0x01 protocol, 0x02 zlib compression, 0x04 large packet), the data length and the
/// reserved (uncompressed) length, each little-endian, 4 bytes or 8 with the large-packet flag.
/// </summary>
internal static class ZabbixFrame
{
    public const byte FlagProtocol = 0x01;
    public const byte FlagCompressed = 0x02;
    public const byte FlagLargePacket = 0x04;

    private static ReadOnlySpan<byte> Magic => "ZBXD"u8;

    /// <summary>Reads one message and returns its data, decompressed; null when the peer closed before sending a byte.</summary>
    /// <exception cref="ZabbixFrameException">Not a Zabbix frame, larger than <paramref name="maxBytes"/>, cut short, or bad zlib.</exception>
    public static async Task<byte[]?> ReadAsync(Stream stream, int maxBytes, CancellationToken cancellationToken)
    {
        var header = new byte[5];
        var read = await stream.ReadAtLeastAsync(header, header.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        if (read == 0)
        {
            return null;
        }

        if (read < header.Length || !header.AsSpan(0, 4).SequenceEqual(Magic))
        {
            throw new ZabbixFrameException("the message does not start with the Zabbix header \"ZBXD\"", header[..read]);
        }

        var flags = header[4];
        if ((flags & FlagProtocol) == 0)
        {
            throw new ZabbixFrameException($"Zabbix header flags 0x{flags:x2} lack the protocol flag 0x01", header);
        }

        var large = (flags & FlagLargePacket) != 0;
        var lengths = new byte[large ? 16 : 8];
        await ReadExactlyAsync(stream, lengths, header, cancellationToken).ConfigureAwait(false);
        var dataLength = large ? BinaryPrimitives.ReadInt64LittleEndian(lengths) : BinaryPrimitives.ReadUInt32LittleEndian(lengths);
        var reserved = large ? BinaryPrimitives.ReadInt64LittleEndian(lengths.AsSpan(8)) : BinaryPrimitives.ReadUInt32LittleEndian(lengths.AsSpan(4));
        if (dataLength > maxBytes || dataLength < 0)
        {
            throw new ZabbixFrameException($"the message announces {dataLength} bytes, more than the limit of {maxBytes}", [.. header, .. lengths]);
        }

        var data = new byte[dataLength];
        await ReadExactlyAsync(stream, data, [.. header, .. lengths], cancellationToken).ConfigureAwait(false);
        if ((flags & FlagCompressed) == 0)
        {
            return data;
        }

        if (reserved > maxBytes || reserved < 0)
        {
            throw new ZabbixFrameException($"the message decompresses to {reserved} bytes, more than the limit of {maxBytes}", [.. header, .. lengths, .. data]);
        }

        var plain = new byte[reserved];
        try
        {
            using var zlib = new ZLibStream(new MemoryStream(data), CompressionMode.Decompress);
            zlib.ReadExactly(plain);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException)
        {
            // Corrupt zlib fails as InvalidDataException, a short stream as EndOfStreamException, and
            // some corruptions inside zlib itself as ZLibException (internal, an IOException); nothing
            // else reading a MemoryStream throws an IOException.
            throw new ZabbixFrameException("the compressed message is not valid zlib of the announced length: " + ex.Message, [.. header, .. lengths, .. data], ex);
        }

        return plain;
    }

    /// <summary>Writes <paramref name="data"/> as one uncompressed message.</summary>
    public static async Task WriteAsync(Stream stream, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        var frame = new byte[13 + data.Length];
        Magic.CopyTo(frame);
        frame[4] = FlagProtocol;
        BinaryPrimitives.WriteUInt32LittleEndian(frame.AsSpan(5), (uint)data.Length);
        data.Span.CopyTo(frame.AsSpan(13));
        await stream.WriteAsync(frame, cancellationToken).ConfigureAwait(false);
        await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task ReadExactlyAsync(Stream stream, Memory<byte> buffer, byte[] before, CancellationToken cancellationToken)
    {
        var read = await stream.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        if (read < buffer.Length)
        {
            throw new ZabbixFrameException(
                $"the connection closed after {before.Length + read} bytes, inside a message that announced more", [.. before, .. buffer.Span[..read]]);
        }
    }
}
