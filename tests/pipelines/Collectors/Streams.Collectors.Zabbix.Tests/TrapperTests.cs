using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Streams.Collectors.Publishing.Inbound;
using Streams.Collectors.Prometheus.Tests.Support;
using Streams.Collectors.Zabbix.Mapping;
using Streams.Collectors.Zabbix.Protocol;
using Streams.Collectors.Zabbix.Trapper;

namespace Streams.Collectors.Zabbix.Tests;

public sealed class TrapperTests : IAsyncLifetime, IDisposable
{
    private const string ZabbixSender = "/usr/bin/zabbix_sender";
    private readonly ListInboundSink _sink = new();
    private readonly CancellationTokenSource _stop = new();
    private ZabbixTrapperListener _listener = null!;
    private Task _running = Task.CompletedTask;

    private string Port => _listener.LocalEndpoint.Port.ToString(CultureInfo.InvariantCulture);

    public Task InitializeAsync()
    {
        var options = new ZabbixOptions
        {
            Port = 0,
            Mapping = new ZabbixMappingOptions { Rewrites = [new ItemRewrite { Pattern = @"^vfs\.fs\.size\[(?<mount>[^,]+),pused\]$", Metric = "disk.used.percent" }] },
        };
        _listener = new ZabbixTrapperListener(options, _sink, NullLogger.Instance);
        _listener.Start();
        _running = _listener.RunAsync(_stop.Token);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        await _running;
    }

    public void Dispose()
    {
        _listener.Dispose();
        _stop.Dispose();
    }

    [PeerFact(ZabbixSender)]
    public async Task Listener_RealZabbixSenderOneValue_ProcessedAndPublished()
    {
        var (exit, output, error) = await PeerProcess.RunAsync(ZabbixSender, "-z", "127.0.0.1", "-p", Port, "-s", "web-1", "-k", "system.cpu.load[percpu,avg1]", "-o", "0.75", "-vv");

        Assert.True(exit == 0, $"zabbix_sender exit {exit}: {output} {error}");
        Assert.Contains("processed: 1; failed: 0; total: 1", output + error, StringComparison.Ordinal);
        var sample = Assert.Single(_sink.Samples);
        Assert.Equal("web-1", sample.host);
        Assert.Equal("system.cpu.load", sample.metric);
        Assert.Equal(0.75, sample.value);
        Assert.Equal("percpu,avg1", sample.tags["params"]);
        Assert.Equal(io.streams.avro.MetricSource.ZABBIX, sample.source);
    }

    [PeerFact(ZabbixSender)]
    public async Task Listener_RealZabbixSenderFileWithTimestampsAndAText_PartialSuccessWithClocksAndRewrite()
    {
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(file, """
                web-1 vfs.fs.size[/var,pused] 1764064800 81.5
                web-2 net.if.in[eth0] 1764064801 12345
                web-2 system.uname 1764064801 "Linux web-2"
                """);

            var (exit, output, error) = await PeerProcess.RunAsync(ZabbixSender, "-z", "127.0.0.1", "-p", Port, "-T", "-i", file);

            // zabbix_sender exits 2 when the server processed some values and failed others.
            Assert.True(exit == 2, $"zabbix_sender exit {exit}: {output} {error}");
            Assert.Contains("processed: 2; failed: 1; total: 3", output, StringComparison.Ordinal);
            var disk = Assert.Single(_sink.Samples, s => s.host == "web-1");
            Assert.Equal("disk.used.percent", disk.metric);
            Assert.Equal("/var", disk.tags["mount"]);
            Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1764064800).UtcDateTime, disk.timestamp);
            Assert.Equal(12345, Assert.Single(_sink.Samples, s => s.host == "web-2").value);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Listener_NotZabbixBytesThenAValidMessage_FailedAndDeadLetterThenServesTheNext()
    {
        var refused = await ExchangeAsync("GET / HTTP/1.0\r\n\r\n"u8.ToArray());
        var accepted = await ExchangeAsync(Frame("""{"request":"sender data","data":[{"host":"db-1","key":"pg.connections","value":"17"}]}"""u8.ToArray()));

        Assert.Contains("\"failed\"", refused, StringComparison.Ordinal);
        Assert.Contains("ZBXD", refused, StringComparison.Ordinal);
        var letter = Assert.Single(_sink.DeadLetters);
        Assert.Equal(ZabbixTrapperListener.Source, letter.Source);
        Assert.Equal(InboundRejectReason.MalformedInput, letter.Reason);
        Assert.Equal("GET /"u8.ToArray(), letter.Original);
        Assert.Contains("processed: 1; failed: 0; total: 1", accepted, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Listener_SenderDataForSeveralHostsAndClocks_OneBatchPerHostAndClock()
    {
        var response = await ExchangeAsync(Frame("""
            {"request":"sender data","data":[
              {"host":"web-1","key":"vfs.fs.size[/var,pused]","value":"81.5","clock":1764064800},
              {"host":"web-2","key":"net.if.in[eth0]","value":"12345","clock":1764064800},
              {"host":"web-1","key":"system.cpu.util","value":"12.5","clock":1764064800},
              {"host":"web-1","key":"system.cpu.util","value":"14","clock":1764064830},
              {"host":"web-2","key":"system.uname","value":"Linux web-2","clock":1764064800}]}
            """u8.ToArray()));

        Assert.Contains("processed: 4; failed: 1; total: 5", response, StringComparison.Ordinal);
        Assert.Equal(
            [("web-1", 1764064800L, "disk.used.percent,system.cpu.util"), ("web-2", 1764064800L, "net.if.in"), ("web-1", 1764064830L, "system.cpu.util")],
            _sink.Batches.Select(b => (b.host, new DateTimeOffset(b.timestamp).ToUnixTimeSeconds(), string.Join(",", b.points.Select(p => p.metric)))));
        Assert.Equal("/var", _sink.Batches.First().points[0].tags["mount"]);
        Assert.All(_sink.Batches, b => Assert.Equal(io.streams.avro.MetricSource.ZABBIX, b.source));
    }

    [Theory]
    [InlineData("{\"request\":\"sender data\",\"data\":[{\"host\":")]
    [InlineData("{\"request\":\"sender data\",\"data\":{}}")]
    [InlineData("[1,2]")]
    public async Task Listener_FramedButNotARequest_FailedWithReasonAndTheJsonDeadLettered(string json)
    {
        var response = await ExchangeAsync(Frame(Encoding.UTF8.GetBytes(json)));

        Assert.Contains("\"response\":\"failed\"", response, StringComparison.Ordinal);
        Assert.Equal(json, Encoding.UTF8.GetString(Assert.Single(_sink.DeadLetters).Original));
        Assert.Empty(_sink.Samples);
    }

    [Fact]
    public async Task Listener_ZlibCompressedMessage_Processed()
    {
        var json = """{"request":"agent data","session":"abc","clock":1764064800,"ns":500000000,"data":[{"host":"app-1","key":"agent.ping","value":"1","id":1}]}"""u8.ToArray();
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            zlib.Write(json);
        }

        var response = await ExchangeAsync(Frame(compressed.ToArray(), ZabbixFrame.FlagProtocol | ZabbixFrame.FlagCompressed, json.Length));

        Assert.Contains("processed: 1", response, StringComparison.Ordinal);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1764064800500).UtcDateTime, Assert.Single(_sink.Samples).timestamp);
    }

    [Fact]
    public async Task Listener_AnnouncesMoreThanTheLimit_FailedWithoutReadingIt()
    {
        var header = new byte[13];
        "ZBXD"u8.CopyTo(header);
        header[4] = ZabbixFrame.FlagProtocol;
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(5), uint.MaxValue);

        var response = await ExchangeAsync(header);

        Assert.Contains("more than the limit", response, StringComparison.Ordinal);
        Assert.Single(_sink.DeadLetters);
    }

    private static byte[] Frame(byte[] data, byte flags = ZabbixFrame.FlagProtocol, int reserved = 0)
    {
        var frame = new byte[13 + data.Length];
        "ZBXD"u8.CopyTo(frame);
        frame[4] = flags;
        BinaryPrimitives.WriteUInt32LittleEndian(frame.AsSpan(5), (uint)data.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(frame.AsSpan(9), (uint)reserved);
        data.CopyTo(frame, 13);
        return frame;
    }

    /// <summary>Sends raw bytes, half-closes, and returns the whole answer as text.</summary>
    private async Task<string> ExchangeAsync(byte[] bytes)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, _listener.LocalEndpoint.Port);
        var stream = client.GetStream();
        await stream.WriteAsync(bytes);
        client.Client.Shutdown(SocketShutdown.Send);
        using var answer = new MemoryStream();
        await stream.CopyToAsync(answer);
        return Encoding.UTF8.GetString(answer.ToArray());
    }
}
