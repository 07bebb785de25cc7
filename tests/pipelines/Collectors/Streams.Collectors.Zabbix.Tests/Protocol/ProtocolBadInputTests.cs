using System.Buffers.Binary;
using Streams.Collectors.Zabbix.Protocol;

namespace Streams.Collectors.Zabbix.Tests.Protocol;

/// <summary>Inputs tests/fuzz found escaping the protocol's bad-input path: each must be the path's own exception.</summary>
public sealed class ProtocolBadInputTests
{
    [Fact]
    public void Parse_StringThatIsNotUtf8_FormatException()
    {
        byte[] json = [.. "{\"request\":\"sender da"u8, 0xFF, .. "ta\",\"data\":[]}"u8];

        var error = Assert.Throws<FormatException>(() => SenderRequest.Parse(json));

        Assert.Contains("not UTF-8", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"clock\":999999999999999", "")]
    [InlineData("\"clock\":-1", "")]
    [InlineData("\"clock\":1764064800", ",\"ns\":9223372036854775807")]
    public void Parse_ClockOrNsPastWhatATimestampHolds_FormatException(string clock, string ns)
    {
        var json = System.Text.Encoding.UTF8.GetBytes($$"""{"request":"sender data","data":[{"host":"h","key":"k","value":"1",{{clock}}{{ns}}}]}""");

        var error = Assert.Throws<FormatException>(() => SenderRequest.Parse(json));

        Assert.Contains("item 0 has clock", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_ZlibAskingForAPresetDictionary_ZabbixFrameException()
    {
        // 0x78 0x20: a valid zlib header with FDICT set; zlib itself fails it (an internal ZLibException, not InvalidDataException).
        byte[] data = [0x78, 0x20, 0, 0, 0, 0];
        var frame = new byte[13 + data.Length];
        "ZBXD"u8.CopyTo(frame);
        frame[4] = ZabbixFrame.FlagProtocol | ZabbixFrame.FlagCompressed;
        BinaryPrimitives.WriteUInt32LittleEndian(frame.AsSpan(5), (uint)data.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(frame.AsSpan(9), 64);
        data.CopyTo(frame, 13);

        var error = await Assert.ThrowsAsync<ZabbixFrameException>(() => ZabbixFrame.ReadAsync(new MemoryStream(frame), 1 << 20, CancellationToken.None));

        Assert.Contains("not valid zlib", error.Message, StringComparison.Ordinal);
        Assert.Equal(frame, error.Received);
    }
}
