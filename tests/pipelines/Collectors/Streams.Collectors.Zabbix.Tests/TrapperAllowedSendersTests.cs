using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging.Abstractions;
using Streams.Collectors.Prometheus.Tests.Support;
using Streams.Collectors.Zabbix.Trapper;

namespace Streams.Collectors.Zabbix.Tests;

public sealed class TrapperAllowedSendersTests
{
    [Fact]
    public async Task Listener_SenderOutsideAllowedSenders_ClosedUnansweredCountedAndNothingPublished()
    {
        var sink = new ListInboundSink();
        var refused = 0L;
        using var meter = new MeterListener();
        meter.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Name == "streams.zabbix.trapper.refused_connections")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        meter.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref refused, value));
        meter.Start();
        using var stop = new CancellationTokenSource();
        using var listener = new ZabbixTrapperListener(new ZabbixOptions { Port = 0, AllowedSenders = ["192.0.2.0/24"] }, sink, NullLogger.Instance);
        listener.Start();
        var running = listener.RunAsync(stop.Token);

        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, listener.LocalEndpoint.Port);
        var stream = client.GetStream();
        await stream.WriteAsync("""ZBXD{"request":"sender data","data":[{"host":"h","key":"k","value":"1"}]}"""u8.ToArray());
        var answer = new byte[64];
        var read = await stream.ReadAsync(answer);
        await stop.CancelAsync();
        await running;

        Assert.Equal(0, read);
        Assert.Equal(1, Interlocked.Read(ref refused));
        Assert.Empty(sink.Samples);
        Assert.Empty(sink.DeadLetters);
    }

    [Theory]
    [InlineData("10.1.2.3", true)]
    [InlineData("::ffff:10.1.2.3", true)]
    [InlineData("192.0.2.7", true)]
    [InlineData("10.9.0.1", false)]
    [InlineData("127.0.0.1", false)]
    public void IsAllowed_AddressesAndBlocks_MatchesIPv4SendersOnDualStackSocketsToo(string peer, bool allowed)
    {
        using var listener = new ZabbixTrapperListener(new ZabbixOptions { Port = 0, AllowedSenders = ["10.1.0.0/16", "192.0.2.7"] }, new ListInboundSink(), NullLogger.Instance);

        Assert.Equal(allowed, listener.IsAllowed(new IPEndPoint(IPAddress.Parse(peer), 40000)));
    }

    [Fact]
    public void IsAllowed_NoAllowedSenders_NoFilterSoTheBindAddressDecides()
    {
        // Bound to loopback (the default) only this machine connects; bound wider with no list, the host refuses to start unless told.
        using var listener = new ZabbixTrapperListener(new ZabbixOptions { Port = 0 }, new ListInboundSink(), NullLogger.Instance);

        Assert.True(listener.IsAllowed(new IPEndPoint(IPAddress.Loopback, 40000)));
        Assert.True(listener.IsAllowed(new IPEndPoint(IPAddress.Parse("10.0.0.1"), 40000)));
        Assert.True(IPAddress.IsLoopback(listener.LocalEndpoint.Address));
    }

    [Fact]
    public void Validate_AllowedSenderNotAnAddress_SaysWhichEntry()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new ZabbixOptions { AllowedSenders = ["zabbix.example.com"] }.Validate());

        Assert.Contains("'zabbix.example.com'", error.Message, StringComparison.Ordinal);
    }
}
