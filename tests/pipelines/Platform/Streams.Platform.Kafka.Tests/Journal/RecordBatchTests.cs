using System.Buffers.Binary;
using Streams.Platform.Kafka.Protocol;

namespace Streams.Platform.Kafka.Tests.Journal;

public sealed class RecordBatchTests
{
    [Fact]
    public void Build_ThenRead_GivesTheRecordsBackAtTheirOffsetsWithTheSpanAsRecordCount()
    {
        KafkaRecord[] records =
        [
            new(103, 1_700_000_000_000, "a"u8.ToArray(), "1"u8.ToArray(), [0]),
            new(107, 1_700_000_000_500, "b"u8.ToArray(), null, [0]),
        ];

        var batch = RecordBatch.Build(100, 10, records);

        Assert.True(RecordBatch.IsValid(batch));
        Assert.True(RecordBatch.IsReadable(batch));
        Assert.Equal(10, RecordBatch.OffsetSpan(batch));
        // The broker numbers offsets by RecordCount: it must be the span, not the records held.
        Assert.Equal(10, BinaryPrimitives.ReadInt32BigEndian(batch.AsSpan(57)));
        Assert.Equal(Crc32C.Compute(batch.AsSpan(21)), BinaryPrimitives.ReadUInt32BigEndian(batch.AsSpan(17)));
        var read = RecordBatch.ReadRecords(batch, 100);
        Assert.Equal(records.Select(r => (r.Offset, r.Timestamp, r.Key, r.Value)), read.Select(r => (r.Offset, r.Timestamp, r.Key, r.Value)));
    }

    [Fact]
    public void BuildGap_IsAControlBatchTakingItsSpan()
    {
        var gap = RecordBatch.BuildGap(40, 25);

        Assert.True(RecordBatch.IsValid(gap));
        Assert.False(RecordBatch.IsReadable(gap));
        Assert.Equal(25, RecordBatch.OffsetSpan(gap));
    }

    [Fact]
    public void Crc32C_MatchesTheStandardCheckValue() =>
        Assert.Equal(0xE3069283u, Crc32C.Compute("123456789"u8));
}
