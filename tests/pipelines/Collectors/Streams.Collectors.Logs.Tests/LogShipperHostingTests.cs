using System.Net;
using System.Net.Sockets;
using io.streams.avro;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Streams.Collectors.Publishing.Tests;
using Streams.Platform.Kafka;
using Streams.Platform.SchemaRegistry;
using Streams.Schemas.Topics;

namespace Streams.Collectors.Logs.Tests;

public sealed class LogShipperHostingTests(KafkaFixture kafka) : IClassFixture<KafkaFixture>, IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "streams-logs-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task AddLogShipper_SyslogAndATailedFile_PublishesLogRecordsToLogsRawAndSavesPositions()
    {
        Directory.CreateDirectory(_directory);
        kafka.CreateTopic(TopicCatalogue.LogsRaw.Name, 3);
        var log = Path.Combine(_directory, "app.log");
        File.WriteAllText(log, "Oct 11 22:14:15 web-1 billing[9]: invoice sent\n");
        var udpPort = FreePort(SocketType.Dgram, ProtocolType.Udp);
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Logs:Host"] = "shipper",
            ["Logs:SyslogBindAddress"] = "127.0.0.1",
            ["Logs:SyslogUdpPort"] = udpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Logs:Files:0:Path"] = log,
            ["Logs:Files:0:App"] = "billing",
            ["Logs:ReadFromHead"] = "true",
            ["Logs:PollIntervalMs"] = "50",
            ["Logs:PositionsPath"] = Path.Combine(_directory, "positions.json"),
            ["Logs:Publishing:SpoolPath"] = Path.Combine(_directory, "spool"),
            ["Logs:Publishing:LingerMs"] = "5",
        });
        builder.Services.AddSingleton<IKafkaEndpoint>(kafka);
        builder.Services.AddSingleton<ISchemaRegistryEndpoint>(kafka);
        builder.Services.AddLogShipper(builder.Configuration);
        using var host = builder.Build();

        await host.StartAsync();
        // ExecuteAsync runs on a background thread: the first saved tail position says the receivers are bound.
        var positions = Path.Combine(_directory, "positions.json");
        for (var i = 0; i < 200 && !File.Exists(positions); i++)
        {
            await Task.Delay(50);
        }

        using (var client = new UdpClient())
        {
            await client.SendAsync("<11>1 2026-11-25T10:00:00Z db-3 postgres 77 - - disk full"u8.ToArray(), new IPEndPoint(IPAddress.Loopback, udpPort));
        }

        await Task.Delay(TimeSpan.FromSeconds(1));
        await host.StopAsync();

        var records = kafka.ConsumeAll<LogRecord>(TopicCatalogue.LogsRaw.Name, TimeSpan.FromSeconds(2)).OrderBy(r => r.Key, StringComparer.Ordinal).ToList();
        Assert.Equal(["db-3", "web-1"], records.Select(r => r.Key));
        Assert.Equal(LogSeverity.ERROR, records[0].Value.severity);
        Assert.Equal("disk full", records[0].Value.message);
        Assert.Equal("billing", records[1].Value.app);
        Assert.Equal(LogSource.FILE, records[1].Value.source);
        Assert.Contains("\"Offset\":47", File.ReadAllText(positions), StringComparison.Ordinal);
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private static int FreePort(SocketType type, ProtocolType protocol)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, type, protocol);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }
}
