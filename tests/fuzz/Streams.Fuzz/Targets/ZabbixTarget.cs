using System.Buffers.Binary;
using System.IO.Compression;
using Microsoft.Extensions.Logging.Abstractions;
using Streams.Collectors.Zabbix;
using Streams.Collectors.Zabbix.Protocol;
using Streams.Collectors.Zabbix.Trapper;
using Streams.Fuzz.Harness;

namespace Streams.Fuzz.Targets;

/// <summary>
/// One trapper connection's bytes: <see cref="ZabbixFrame"/> reads the ZBXD frame (flags, lengths,
/// zlib, large packets), then <see cref="ZabbixTrapperListener.Process"/> parses the sender JSON,
/// maps the items and builds the answer. Expected rejection: <see cref="ZabbixFrameException"/>
/// (answered "failed" and dead-lettered); bad JSON is the listener's own "failed" answer. The
/// first byte picks the layer: 0 sends the rest as the connection's bytes, 1 frames the rest as
/// the message, 2 frames it zlib-compressed, so the JSON behind the frame is reached as often as
/// the frame itself.
/// </summary>
internal sealed class ZabbixTarget : IFuzzTarget, IDisposable
{
    private const int MaxMessageBytes = 1 << 20;

    private readonly ZabbixTrapperListener _listener = new(new ZabbixOptions { Port = 0, MaxMessageBytes = MaxMessageBytes }, new SerializingSink(), NullLogger.Instance);

    public string Name => "zabbix";

    public IReadOnlyList<byte[]> Dictionary { get; } = TextTarget.Tokens(
        "ZBXD\u0001", "ZBXD\u0003", "ZBXD\u0005", "ZBXD\u0007", "{\"request\":\"sender data\",\"data\":[", "\"agent data\"", "{\"host\":\"h\",\"key\":\"k\",\"value\":\"1\"}",
        "\"clock\":", "\"ns\":", "\"value\":", "\"key\":", "\"host\":", "1700000000", "999999999", "[", "]", "{", "}", ",", "null", "true", "1e400", "\"");

    public void Run(ReadOnlySpan<byte> input)
    {
        if (input.IsEmpty)
        {
            return;
        }

        var connection = (input[0] % 3) switch
        {
            0 => input[1..].ToArray(),
            1 => Frame(input[1..].ToArray(), input[1..].Length, ZabbixFrame.FlagProtocol),
            _ => Frame(Compress(input[1..]), input[1..].Length, ZabbixFrame.FlagProtocol | ZabbixFrame.FlagCompressed),
        };
        byte[]? data;
        try
        {
            data = ZabbixFrame.ReadAsync(new MemoryStream(connection, writable: false), MaxMessageBytes, CancellationToken.None).GetAwaiter().GetResult();
        }
        catch (ZabbixFrameException)
        {
            return;
        }

        if (data is not null)
        {
            _listener.Process(data, "127.0.0.1:40000");
        }
    }

    public void Dispose() => _listener.Dispose();

    private static byte[] Frame(byte[] data, int reserved, byte flags)
    {
        var frame = new byte[13 + data.Length];
        "ZBXD"u8.CopyTo(frame);
        frame[4] = flags;
        BinaryPrimitives.WriteInt32LittleEndian(frame.AsSpan(5), data.Length);
        BinaryPrimitives.WriteInt32LittleEndian(frame.AsSpan(9), reserved);
        data.CopyTo(frame.AsSpan(13));
        return frame;
    }

    private static byte[] Compress(ReadOnlySpan<byte> data)
    {
        using var output = new MemoryStream();
        using (var zlib = new ZLibStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            zlib.Write(data);
        }

        return output.ToArray();
    }
}
