using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;

namespace Streams.Platform.Kafka.Protocol;

/// <summary>
/// Kafka record batches (magic v2): the header fields the journal needs, the records of
/// uncompressed and gzip batches, and batches built for replay.
/// </summary>
/// <remarks>
/// librdkafka's broker numbers a produced batch's offsets by its RecordCount field, while its
/// consumer reads records until the batch's bytes end and resumes at BaseOffset + LastOffsetDelta + 1
/// (KAFKA-5443). A rebuilt batch therefore sets RecordCount to its offset span, so that offsets
/// left out by compaction or retention keep their numbers; it is gzip-compressed because the
/// broker checks RecordCount against the size of uncompressed batches only.
/// </remarks>
internal static class RecordBatch
{
    public const int HeaderSize = 61;
    private const short CompressionMask = 0x07;
    private const short Gzip = 1;
    private const short ControlFlag = 0x20;

    public static bool IsValid(ReadOnlySpan<byte> batch) =>
        batch.Length >= HeaderSize && batch[16] == 2 && BinaryPrimitives.ReadInt32BigEndian(batch[8..]) == batch.Length - 12;

    /// <summary>How many offsets the batch takes: LastOffsetDelta + 1.</summary>
    public static int OffsetSpan(ReadOnlySpan<byte> batch) => BinaryPrimitives.ReadInt32BigEndian(batch[23..]) + 1;

    public static long MaxTimestamp(ReadOnlySpan<byte> batch) => BinaryPrimitives.ReadInt64BigEndian(batch[35..]);

    private static short Attributes(ReadOnlySpan<byte> batch) => BinaryPrimitives.ReadInt16BigEndian(batch[21..]);

    /// <summary>Whether the records can be read here: uncompressed or gzip, not a control batch.</summary>
    public static bool IsReadable(ReadOnlySpan<byte> batch)
    {
        var attributes = Attributes(batch);
        return (attributes & ControlFlag) == 0 && (attributes & CompressionMask) is 0 or Gzip;
    }

    /// <summary>The batch's records, given the absolute offset of its first one.</summary>
    public static List<KafkaRecord> ReadRecords(byte[] batch, long baseOffset)
    {
        var attributes = Attributes(batch);
        var firstTimestamp = BinaryPrimitives.ReadInt64BigEndian(batch.AsSpan(27));
        var body = batch.AsMemory(HeaderSize);
        if ((attributes & CompressionMask) == Gzip)
        {
            using var input = new GZipStream(new MemoryStream(batch, HeaderSize, batch.Length - HeaderSize), CompressionMode.Decompress);
            using var output = new MemoryStream();
            input.CopyTo(output);
            body = output.ToArray();
        }

        var records = new List<KafkaRecord>();
        var span = body.Span;
        var position = 0;
        while (position < span.Length)
        {
            var length = (int)VarLong(span, ref position);
            var end = position + length;
            position++; // attributes
            var timestamp = firstTimestamp + VarLong(span, ref position);
            var offset = baseOffset + VarLong(span, ref position);
            var key = NullableBytes(span, ref position);
            var value = NullableBytes(span, ref position);
            var headers = span[position..end].ToArray();
            position = end;
            records.Add(new KafkaRecord(offset, timestamp, key, value, headers));
        }

        return records;
    }

    /// <summary>
    /// A gzip batch holding <paramref name="records"/> (ascending offsets, within the span) that
    /// takes the offsets [<paramref name="baseOffset"/>, <paramref name="baseOffset"/> + <paramref name="span"/>).
    /// </summary>
    public static byte[] Build(long baseOffset, int span, IReadOnlyList<KafkaRecord> records)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(span, 1);
        var firstTimestamp = records.Count > 0 ? records.Min(r => r.Timestamp) : 0;
        var maxTimestamp = records.Count > 0 ? records.Max(r => r.Timestamp) : 0;
        var body = new ArrayBufferWriter<byte>();
        foreach (var record in records)
        {
            WriteRecord(body, record, baseOffset, firstTimestamp);
        }

        return Assemble(baseOffset, span, Gzip, firstTimestamp, maxTimestamp, body.WrittenSpan);
    }

    /// <summary>
    /// A control batch that only takes the offsets [<paramref name="baseOffset"/>, +<paramref name="span"/>):
    /// consumers skip control records, so a gap left by retention replays as nothing at all.
    /// </summary>
    public static byte[] BuildGap(long baseOffset, int span)
    {
        // A transaction COMMIT marker (key: version 0, type 1; value: version 0, coordinator epoch 0) at the span's last offset.
        var marker = new KafkaRecord(baseOffset + span - 1, 0, [0, 0, 0, 1], [0, 0, 0, 0, 0, 0], [0]);
        var body = new ArrayBufferWriter<byte>();
        WriteRecord(body, marker, baseOffset, 0);
        return Assemble(baseOffset, span, Gzip | ControlFlag, 0, 0, body.WrittenSpan);
    }

    private static byte[] Assemble(long baseOffset, int span, int attributes, long firstTimestamp, long maxTimestamp, ReadOnlySpan<byte> records)
    {
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(records);
        }

        var payload = compressed.ToArray();
        var batch = new byte[HeaderSize + payload.Length];
        var s = batch.AsSpan();
        BinaryPrimitives.WriteInt64BigEndian(s, baseOffset);
        BinaryPrimitives.WriteInt32BigEndian(s[8..], batch.Length - 12);
        BinaryPrimitives.WriteInt32BigEndian(s[12..], -1);
        s[16] = 2;
        BinaryPrimitives.WriteInt16BigEndian(s[21..], (short)attributes);
        BinaryPrimitives.WriteInt32BigEndian(s[23..], span - 1);
        BinaryPrimitives.WriteInt64BigEndian(s[27..], firstTimestamp);
        BinaryPrimitives.WriteInt64BigEndian(s[35..], maxTimestamp);
        BinaryPrimitives.WriteInt64BigEndian(s[43..], -1);
        BinaryPrimitives.WriteInt16BigEndian(s[51..], -1);
        BinaryPrimitives.WriteInt32BigEndian(s[53..], -1);
        BinaryPrimitives.WriteInt32BigEndian(s[57..], span);
        payload.CopyTo(s[HeaderSize..]);
        BinaryPrimitives.WriteUInt32BigEndian(s[17..], Crc32C.Compute(s[21..]));
        return batch;
    }

    private static void WriteRecord(ArrayBufferWriter<byte> output, KafkaRecord record, long baseOffset, long firstTimestamp)
    {
        var body = new ArrayBufferWriter<byte>();
        body.GetSpan(1)[0] = 0;
        body.Advance(1);
        WriteVarLong(body, record.Timestamp - firstTimestamp);
        WriteVarLong(body, record.Offset - baseOffset);
        WriteNullableBytes(body, record.Key);
        WriteNullableBytes(body, record.Value);
        body.Write(record.Headers);
        WriteVarLong(output, body.WrittenCount);
        output.Write(body.WrittenSpan);
    }

    private static void WriteNullableBytes(ArrayBufferWriter<byte> output, byte[]? bytes)
    {
        WriteVarLong(output, bytes?.Length ?? -1);
        if (bytes is not null)
        {
            output.Write(bytes);
        }
    }

    private static void WriteVarLong(ArrayBufferWriter<byte> output, long value)
    {
        var zigzag = (ulong)((value << 1) ^ (value >> 63));
        var span = output.GetSpan(10);
        var i = 0;
        while (zigzag >= 0x80)
        {
            span[i++] = (byte)(zigzag | 0x80);
            zigzag >>= 7;
        }

        span[i++] = (byte)zigzag;
        output.Advance(i);
    }

    private static long VarLong(ReadOnlySpan<byte> span, ref int position)
    {
        ulong raw = 0;
        for (var shift = 0; shift < 70; shift += 7)
        {
            var b = span[position++];
            raw |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return (long)(raw >> 1) ^ -(long)(raw & 1);
            }
        }

        throw new InvalidDataException("A record varint is longer than 10 bytes.");
    }

    private static byte[]? NullableBytes(ReadOnlySpan<byte> span, ref int position)
    {
        var length = (int)VarLong(span, ref position);
        if (length < 0)
        {
            return null;
        }

        var bytes = span.Slice(position, length).ToArray();
        position += length;
        return bytes;
    }
}
