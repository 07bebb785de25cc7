using System.Net;
using System.Net.Sockets;
using System.Text;
using io.streams.avro;
using Microsoft.Extensions.Logging.Abstractions;
using Streams.Collectors.Logs.Syslog;

namespace Streams.Collectors.Logs.Tests;

public sealed class SyslogServerTests
{
    private static readonly IPEndPoint Loopback = new(IPAddress.Loopback, 0);

    [Fact]
    public async Task RunAsync_UdpDatagrams_EachBecomesOneRecordGarbageIncluded()
    {
        var sink = new ListSink();
        using var server = new SyslogUdpServer(Loopback, "fallback", sink);
        server.Start();
        using var stop = new CancellationTokenSource();
        var running = server.RunAsync(stop.Token);

        using var client = new UdpClient();
        await client.SendAsync("<34>1 2003-10-11T22:14:15.003Z mymachine su - ID47 - hello"u8.ToArray(), server.LocalEndpoint);
        await client.SendAsync("not syslog at all\n"u8.ToArray(), server.LocalEndpoint);
        var records = await sink.WaitForAsync(2);
        await stop.CancelAsync();
        await running;

        var parsed = records.Single(r => !r.parseError);
        Assert.Equal("mymachine", parsed.host);
        Assert.Equal(LogSource.SYSLOG_UDP, parsed.source);
        var raw = records.Single(r => r.parseError);
        Assert.Equal("fallback", raw.host);
        Assert.Equal("not syslog at all\n", raw.rawLine);
    }

    [Fact]
    public async Task RunAsync_TcpWithBothFramings_ShipsEveryMessageIncludingAnUnterminatedLastOne()
    {
        var sink = new ListSink();
        using var server = new SyslogTcpServer(Loopback, "fallback", 64 * 1024, sink, NullLogger.Instance);
        server.Start();
        using var stop = new CancellationTokenSource();
        var running = server.RunAsync(stop.Token);

        using (var client = new TcpClient())
        {
            await client.ConnectAsync(server.LocalEndpoint);
            var stream = client.GetStream();
            var counted = "<165>1 2003-10-11T22:14:15.003Z h1 app - - - multi\nline";
            await stream.WriteAsync(Encoding.UTF8.GetBytes($"{Encoding.UTF8.GetByteCount(counted)} {counted}"));
            await stream.WriteAsync("<13>Oct 11 22:14:15 h2 cron: tick\n<13>Oct 11 22:14:16 h2 cron: "u8.ToArray());
            await stream.FlushAsync();
            await Task.Delay(100);
            await stream.WriteAsync("tock\ngarbage-tail"u8.ToArray());
        }

        var records = await sink.WaitForAsync(4);
        await stop.CancelAsync();
        await running;

        Assert.Equal(["multi\nline", "tick", "tock", "garbage-tail"], records.Select(r => r.message));
        Assert.Equal([false, false, false, true], records.Select(r => r.parseError));
        Assert.All(records, r => Assert.Equal(LogSource.SYSLOG_TCP, r.source));
    }
}
