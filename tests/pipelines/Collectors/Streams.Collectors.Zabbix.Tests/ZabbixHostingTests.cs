using System.Globalization;
using System.Text;
using Confluent.Kafka;
using io.streams.avro;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Streams.Collectors.Publishing.Inbound;
using Streams.Collectors.Prometheus.Tests.Support;
using Streams.Collectors.Publishing.Tests;
using Streams.Platform.Kafka;
using Streams.Platform.SchemaRegistry;
using Streams.Schemas.Topics;
using Streams.Topology.DeadLetters;

namespace Streams.Collectors.Zabbix.Tests;

public sealed class ZabbixHostingTests(KafkaFixture kafka) : IClassFixture<KafkaFixture>, IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "streams-zabbix-" + Guid.NewGuid().ToString("N"));

    [PeerFact("/usr/bin/zabbix_sender")]
    public async Task AddZabbix_ZabbixSenderAndGarbage_SampleOnMetricsRawAndDeadLetterWithReason()
    {
        kafka.CreateTopic(TopicCatalogue.MetricsRaw.Name, 3);
        kafka.CreateTopic(TopicCatalogue.DeadLetter.Name, 3);
        var port = PeerProcess.FreePort();
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Zabbix:Port"] = port.ToString(CultureInfo.InvariantCulture),
            ["Zabbix:Publishing:SpoolPath"] = Path.Combine(_directory, "spool"),
            ["Zabbix:Publishing:LingerMs"] = "5",
        });
        builder.Services.AddSingleton<IKafkaEndpoint>(kafka);
        builder.Services.AddSingleton<ISchemaRegistryEndpoint>(kafka);
        builder.Services.AddZabbix(builder.Configuration);
        builder.Services.AddZabbix(builder.Configuration);
        using var host = builder.Build();
        await host.StartAsync();

        (int Exit, string Output, string Error) sent = default;
        Assert.True(await ListInboundSink.WaitUntilAsync(
            () =>
            {
                sent = PeerProcess.RunAsync("/usr/bin/zabbix_sender", "-z", "127.0.0.1", "-p", port.ToString(CultureInfo.InvariantCulture), "-s", "web-1", "-k", "nginx.requests", "-o", "42").GetAwaiter().GetResult();
                return sent.Exit == 0;
            },
            TimeSpan.FromSeconds(20)), $"zabbix_sender: {sent.Output} {sent.Error}");
        using (var client = new System.Net.Sockets.TcpClient())
        {
            await client.ConnectAsync(System.Net.IPAddress.Loopback, port);
            var stream = client.GetStream();
            await stream.WriteAsync("hello"u8.ToArray());
            client.Client.Shutdown(System.Net.Sockets.SocketShutdown.Send);
            await stream.CopyToAsync(Stream.Null);
        }

        // Stopping before the publisher has registered its schema would leave the sample in the spool for the next run.
        var sink = (KafkaInboundSink)host.Services.GetRequiredKeyedService<IInboundSink>(ZabbixServiceCollectionExtensions.SinkKey);
        Assert.True(await ListInboundSink.WaitUntilAsync(() => sink.AcknowledgedBatches >= 1, TimeSpan.FromSeconds(60)), "Kafka did not acknowledge the batch");
        await host.StopAsync();

        var (key, batch) = Assert.Single(kafka.ConsumeAll<MetricBatch>(TopicCatalogue.MetricsRaw.Name, TimeSpan.FromSeconds(2)));
        Assert.Equal("web-1", key);
        Assert.Equal("web-1", batch.host);
        var sample = Assert.Single(batch.points);
        Assert.Equal("nginx.requests", sample.metric);
        Assert.Equal(42, sample.value);
        var letter = Assert.Single(ConsumeDeadLetters());
        Assert.Equal("zabbix.trapper", letter.Message.Key);
        Assert.Equal("hello"u8.ToArray(), letter.Message.Value);
        Assert.Equal(InboundRejectReason.MalformedInput, Encoding.UTF8.GetString(letter.Message.Headers.GetLastBytes(DeadLetterHeaders.Reason)));
        Assert.Equal("zabbix-trapper", Encoding.UTF8.GetString(letter.Message.Headers.GetLastBytes(DeadLetterHeaders.Stage)));
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    /// <summary>Reads <c>deadletter</c> from the start until it has been quiet for 2 s after the first record (or 30 s without any).</summary>
    private List<ConsumeResult<string, byte[]>> ConsumeDeadLetters()
    {
        using var consumer = new ConsumerBuilder<string, byte[]>(new ConsumerConfig
        {
            BootstrapServers = kafka.BootstrapServers,
            GroupId = Guid.NewGuid().ToString("N"),
            AutoOffsetReset = AutoOffsetReset.Earliest,
        }).Build();
        consumer.Subscribe(TopicCatalogue.DeadLetter.Name);
        var letters = new List<ConsumeResult<string, byte[]>>();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        var quietUntil = DateTime.MaxValue;
        while (DateTime.UtcNow < deadline && DateTime.UtcNow < quietUntil)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(100)) is { } result)
            {
                letters.Add(result);
                quietUntil = DateTime.UtcNow.AddSeconds(2);
            }
        }

        consumer.Close();
        return letters;
    }
}
