using System.Buffers;

namespace Streams.Collectors.Logs.Syslog;

/// <summary>
/// Splits a syslog TCP stream into messages (RFC 6587): octet counting (<c>MSG-LEN SP MSG</c>,
/// section 3.4.1) when a frame starts with a digit, newline-terminated otherwise (3.4.2). Senders
/// may mix both on one connection, so the choice is made per frame.
/// </summary>
internal static class SyslogFraming
{
    private const int MaxLengthDigits = 9;

    /// <summary>Takes the next whole frame off the front of <paramref name="buffer"/>; false when more bytes are needed.</summary>
    /// <param name="maxFrameBytes">A newline frame longer than this is cut here (it is shipped, not dropped), so a sender that never sends a newline cannot grow the buffer without bound.</param>
    public static bool TryReadFrame(ref ReadOnlySequence<byte> buffer, int maxFrameBytes, out ReadOnlySequence<byte> frame)
    {
        frame = default;
        if (buffer.IsEmpty)
        {
            return false;
        }

        var reader = new SequenceReader<byte>(buffer);
        if (TryReadLength(ref reader, out var length, out var needMore))
        {
            if (reader.Remaining < length)
            {
                return false;
            }

            frame = buffer.Slice(reader.Position, length);
            buffer = buffer.Slice(frame.End);
            return true;
        }

        if (needMore)
        {
            return false;
        }

        reader = new SequenceReader<byte>(buffer);
        if (reader.TryReadTo(out ReadOnlySequence<byte> line, (byte)'\n'))
        {
            frame = TrimCarriageReturn(line);
            buffer = buffer.Slice(reader.Position);
            return true;
        }

        if (buffer.Length >= maxFrameBytes)
        {
            frame = buffer.Slice(0, maxFrameBytes);
            buffer = buffer.Slice(maxFrameBytes);
            return true;
        }

        return false;
    }

    private static bool TryReadLength(ref SequenceReader<byte> reader, out long length, out bool needMore)
    {
        length = 0;
        needMore = false;
        var digits = 0;
        while (reader.TryPeek(out var b))
        {
            if (b is >= (byte)'0' and <= (byte)'9' && digits < MaxLengthDigits)
            {
                length = (length * 10) + (b - '0');
                digits++;
                reader.Advance(1);
                continue;
            }

            // MSG-LEN is NONZERO-DIGIT *DIGIT followed by one space; anything else is a newline frame.
            if (b == (byte)' ' && digits > 0 && length > 0)
            {
                reader.Advance(1);
                return true;
            }

            return false;
        }

        needMore = digits > 0;
        return false;
    }

    private static ReadOnlySequence<byte> TrimCarriageReturn(ReadOnlySequence<byte> line) =>
        line.Length > 0 && line.Slice(line.Length - 1).FirstSpan[0] == (byte)'\r' ? line.Slice(0, line.Length - 1) : line;
}
