using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Streams.Collectors.Publishing.Spool;

namespace Streams.Collectors.Publishing.Tests;

public sealed class DiskSpoolTests : IDisposable
{
    private readonly string _directory = Samples.TempDirectory();

    [Fact]
    public void Append_ThenReopen_ReadsEveryRecordInOrder()
    {
        using (var spool = Open())
        {
            for (var i = 0; i < 1_000; i++)
            {
                spool.Append("k"u8, Encoding.ASCII.GetBytes($"value-{i}"));
            }
        }

        using var reopened = Open();
        Assert.Equal(Enumerable.Range(0, 1_000).Select(i => $"value-{i}"), ReadAll(reopened));
        Assert.Equal(1_000, reopened.PendingRecords);
    }

    [Fact]
    public void Acknowledge_ThenReopen_ResumesAfterTheAcknowledgedRecords()
    {
        using (var spool = Open())
        {
            for (var i = 0; i < 500; i++)
            {
                spool.Append("k"u8, Encoding.ASCII.GetBytes($"value-{i}"));
            }

            var cursor = spool.AckedCursor;
            for (var i = 0; i < 300; i++)
            {
                Assert.True(spool.TryRead(ref cursor, 0, out var record));
                spool.Acknowledge(record.End);
            }

            spool.Checkpoint();
        }

        using var reopened = Open();
        Assert.Equal(Enumerable.Range(300, 200).Select(i => $"value-{i}"), ReadAll(reopened));
        Assert.Equal(200, reopened.PendingRecords);
    }

    [Fact]
    public void Append_BeyondTheBound_DropsOldestSegmentsAndCountsThem()
    {
        using var spool = DiskSpool.Open(_directory, maxBytes: 16_384, segmentBytes: 4_096, NullLogger.Instance);
        var value = new byte[100];
        for (var i = 0; i < 1_000; i++)
        {
            BitConverter.TryWriteBytes(value, i);
            spool.Append("k"u8, value);
        }

        Assert.True(spool.Bytes <= 16_384);
        Assert.True(spool.DroppedRecords > 0);
        Assert.Equal(1_000, spool.DroppedRecords + spool.PendingRecords);
        var cursor = spool.AckedCursor;
        Assert.True(spool.TryRead(ref cursor, 0, out var first));
        // What is kept is the newest run, without a gap up to the last record.
        Assert.Equal(1_000 - spool.PendingRecords, BitConverter.ToInt32(first.Value));
    }

    [Fact]
    public void Open_TornRecordAtTheTail_CutsItOffAndKeepsTheWholeRecords()
    {
        using (var spool = Open())
        {
            spool.Append("k"u8, "one"u8);
            spool.Append("k"u8, "two"u8);
        }

        var segment = Directory.GetFiles(_directory, "*.seg").Single();
        using (var file = new FileStream(segment, FileMode.Append))
        {
            // A length header promising more bytes than were written: a write cut short by a crash.
            file.Write([50, 0, 0, 0, 1, 2, 3, 4, 1, 0]);
        }

        using var reopened = Open();
        Assert.Equal(["one", "two"], ReadAll(reopened));
        reopened.Append("k"u8, "three"u8);
        Assert.Equal(["one", "two", "three"], ReadAll(reopened));
    }

    [Fact]
    public void Open_SecondSpoolOnTheSameDirectory_Throws()
    {
        using var spool = Open();
        Assert.ThrowsAny<IOException>(Open);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private DiskSpool Open() => DiskSpool.Open(_directory, 1 << 20, 64 << 10, NullLogger.Instance);

    private static List<string> ReadAll(DiskSpool spool)
    {
        var values = new List<string>();
        var cursor = spool.AckedCursor;
        while (spool.TryRead(ref cursor, 0, out var record))
        {
            Assert.Equal("k"u8.ToArray(), record.Key);
            values.Add(Encoding.ASCII.GetString(record.Value));
        }

        return values;
    }
}
