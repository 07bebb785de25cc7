namespace Streams.Schemas.Serdes.Tests;

public sealed class WireFormatTests
{
    [Fact]
    public void TryReadSchemaId_FramedPayloadWithABody_ReadsTheBigEndianId()
    {
        var payload = new byte[8];
        WireFormat.WriteHeader(payload, 0x01020304);

        Assert.True(WireFormat.TryReadSchemaId(payload, out var id));
        Assert.Equal(0x01020304, id);
        Assert.Equal(0x01020304, WireFormat.ReadSchemaId(payload, "MetricBatch", "metrics.clean"));
    }

    [Theory]
    [InlineData(new byte[] { 0, 0, 0, 0, 7 })]
    [InlineData(new byte[] { 1, 0, 0, 0, 7, 2 })]
    [InlineData(new byte[] { })]
    public void TryReadSchemaId_HeaderOnlyOrNotFramed_False(byte[] payload)
    {
        Assert.False(WireFormat.TryReadSchemaId(payload, out _));
    }

    [Fact]
    public void ReadSchemaId_WrongMagicByte_SaysWhatCameInstead()
    {
        var error = Assert.Throws<InvalidDataException>(() => WireFormat.ReadSchemaId(new byte[] { 0x7b, 0x22, 0x61, 0x22, 0x3a, 0x31, 0x7d }, "MetricBatch", "metrics.raw"));

        Assert.Contains("magic byte is 123", error.Message, StringComparison.Ordinal);
        Assert.Contains("7B2261223A317D", error.Message, StringComparison.Ordinal);
    }
}
