using System.Buffers;
using System.Text;
using Streams.Collectors.Logs.Syslog;

namespace Streams.Collectors.Logs.Tests;

public sealed class SyslogFramingTests
{
    private static List<string> Frames(ref ReadOnlySequence<byte> buffer, int max = 1024)
    {
        var frames = new List<string>();
        while (SyslogFraming.TryReadFrame(ref buffer, max, out var frame))
        {
            frames.Add(Encoding.UTF8.GetString(frame));
        }

        return frames;
    }

    [Fact]
    public void TryReadFrame_OctetCounting_ReadsExactlyTheCountedBytesIncludingNewlines()
    {
        var buffer = new ReadOnlySequence<byte>("11 <13>a\nb c d10 <13>second"u8.ToArray());

        Assert.Equal(["<13>a\nb c d", "<13>second"], Frames(ref buffer));
        Assert.True(buffer.IsEmpty);
    }

    [Fact]
    public void TryReadFrame_NewlineFraming_SplitsOnLfAndDropsCr()
    {
        var buffer = new ReadOnlySequence<byte>("<13>one\r\n<13>two\n<13>part"u8.ToArray());

        Assert.Equal(["<13>one", "<13>two"], Frames(ref buffer));
        Assert.Equal("<13>part", Encoding.UTF8.GetString(buffer));
    }

    [Fact]
    public void TryReadFrame_MixedFramingOnOneConnection_ChoosesPerFrame()
    {
        var buffer = new ReadOnlySequence<byte>("<13>nl\n5 <13>x<13>after\n"u8.ToArray());

        Assert.Equal(["<13>nl", "<13>x", "<13>after"], Frames(ref buffer));
    }

    [Fact]
    public void TryReadFrame_CountedFrameNotYetComplete_WaitsForMoreBytes()
    {
        var buffer = new ReadOnlySequence<byte>("20 <13>short"u8.ToArray());

        Assert.Empty(Frames(ref buffer));
        Assert.Equal(12, buffer.Length);
    }

    [Fact]
    public void TryReadFrame_LengthDigitsSplitAcrossReads_WaitsForTheSpace()
    {
        var buffer = new ReadOnlySequence<byte>("12"u8.ToArray());

        Assert.Empty(Frames(ref buffer));
        Assert.Equal(2, buffer.Length);
    }

    [Fact]
    public void TryReadFrame_FrameSpanningSegments_IsReassembled()
    {
        var first = new Segment("8 <13"u8.ToArray());
        var last = first.Append(">abc\n<1"u8.ToArray()).Append("3>z\n"u8.ToArray());
        var buffer = new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);

        Assert.Equal(["<13>abc\n", "<13>z"], Frames(ref buffer));
    }

    [Fact]
    public void TryReadFrame_NewlineFrameBeyondTheLimit_IsCutAndShippedNotBuffered()
    {
        var buffer = new ReadOnlySequence<byte>(Encoding.ASCII.GetBytes("<13>" + new string('x', 100)));

        var frames = Frames(ref buffer, max: 40);

        Assert.Equal(2, frames.Count);
        Assert.All(frames, f => Assert.Equal(40, f.Length));
        Assert.Equal(24, buffer.Length);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(byte[] bytes) => Memory = bytes;

        public Segment Append(byte[] bytes)
        {
            var next = new Segment(bytes) { RunningIndex = RunningIndex + Memory.Length };
            Next = next;
            return next;
        }
    }
}
