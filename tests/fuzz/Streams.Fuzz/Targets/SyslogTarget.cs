using System.Buffers;
using System.Text;
using io.streams.avro;
using Streams.Collectors.Logs.Syslog;
using Streams.Fuzz.Harness;

namespace Streams.Fuzz.Targets;

/// <summary>
/// A syslog TCP stream (RFC 6587 framing) and the messages in it (RFC 5424 / 3164), as
/// <c>SyslogTcpServer</c> reads them: the bytes arrive in chunks (the first input byte sets the
/// chunk size, so frames straddle reads and the framing sees multi-segment buffers), every frame
/// goes through <see cref="SyslogParser"/>, and what is left when the peer closes is a last
/// message. The whole input is also parsed as one UDP datagram and as one log-file line. The
/// parser never throws (a bad line is a record with <c>parseError</c>), so nothing may escape.
/// </summary>
internal sealed class SyslogTarget : IFuzzTarget
{
    private const int MaxFrameBytes = 2048;

    private static readonly DateTime ReceivedAt = new(2026, 1, 1, 0, 30, 0, DateTimeKind.Utc);
    private static readonly LineContext Tcp = new(ReceivedAt, "fallback", "", LogSource.SYSLOG_TCP, "127.0.0.1:5140");
    private static readonly LineContext Udp = new(ReceivedAt, "fallback", "", LogSource.SYSLOG_UDP, "127.0.0.1:5140");
    private static readonly LineContext File = new(ReceivedAt, "fallback", "app", LogSource.FILE, "/var/log/app.log");

    private readonly SerializingSink _sink = new();

    public string Name => "syslog";

    public IReadOnlyList<byte[]> Dictionary { get; } = TextTarget.Tokens(
        "<34>", "<165>1 ", "<191>", "<0>", "1 ", " - ", "-", "[", "]", "[exampleSDID@32473 iut=\"3\"]", "=\"", "\\\"", "\\]", "\uFEFF",
        "2003-10-11T22:14:15.003Z", "Oct 11 22:14:15 ", "Feb 29 ", "Dec 31 23:59:59 ", "su[123]: ", "\n", "\r\n", "17 ", "999999999 ");

    public void Run(ReadOnlySpan<byte> input)
    {
        if (input.IsEmpty)
        {
            return;
        }

        var stream = input[1..];
        var chunk = Math.Max(1, (int)input[0]);
        var pending = ReadOnlySequence<byte>.Empty;
        for (var offset = 0; offset < stream.Length; offset += chunk)
        {
            pending = Append(pending, stream.Slice(offset, Math.Min(chunk, stream.Length - offset)).ToArray());
            while (SyslogFraming.TryReadFrame(ref pending, MaxFrameBytes, out var frame))
            {
                Ship(Encoding.UTF8.GetString(frame), Tcp);
            }
        }

        Ship(Encoding.UTF8.GetString(pending), Tcp);
        var whole = Encoding.UTF8.GetString(stream);
        Ship(whole, Udp);
        _sink.Ship(SyslogParser.Parse(whole, File, requirePriority: false));
    }

    private void Ship(string line, LineContext context)
    {
        if (line.Length > 0)
        {
            _sink.Ship(SyslogParser.Parse(line, context, requirePriority: true));
        }
    }

    /// <summary>
    /// What a pipe's buffer looks like after another read: the unconsumed bytes, then the new chunk
    /// in a segment of its own. Past four segments the unconsumed bytes are merged into one, as a
    /// pipe's 4 KiB blocks hold many reads; without that, one-byte reads of a long line cost n².
    /// </summary>
    private static ReadOnlySequence<byte> Append(ReadOnlySequence<byte> pending, byte[] chunk)
    {
        if (pending.IsEmpty)
        {
            return new ReadOnlySequence<byte>(chunk);
        }

        var parts = Parts(pending);
        if (parts.Count > 4)
        {
            parts = [pending.ToArray()];
        }

        var first = new Segment(parts[0]);
        var last = first;
        foreach (var memory in parts.Skip(1))
        {
            last = last.Then(memory);
        }

        var end = last.Then(chunk);
        return new ReadOnlySequence<byte>(first, 0, end, chunk.Length);
    }

    private static List<ReadOnlyMemory<byte>> Parts(ReadOnlySequence<byte> sequence)
    {
        var parts = new List<ReadOnlyMemory<byte>>();
        foreach (var memory in sequence)
        {
            parts.Add(memory);
        }

        return parts;
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory) => Memory = memory;

        public Segment Then(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory) { RunningIndex = RunningIndex + Memory.Length };
            Next = next;
            return next;
        }
    }
}
