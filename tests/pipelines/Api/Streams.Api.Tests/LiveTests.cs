using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using io.streams.avro;
using Streams.Api.Live;
using Streams.Schemas.Serdes;
using Streams.Schemas.Topics;

namespace Streams.Api.Tests;

[Collection(ApiGroup.Name)]
public sealed class LiveTests(ApiFixture fixture)
{
    [Fact]
    public async Task Live_AnomalyOnTheTopic_ReachesAClientFilteringItsHostOnly()
    {
        using var wanted = await ConnectAsync("feeds=anomalies&host=live-*&minSeverity=major");
        using var other = await ConnectAsync("feeds=anomalies&host=elsewhere");
        await Task.Delay(1500);
        await ProduceAsync(Anomaly("live-1", Severity.WARNING), Anomaly("live-1", Severity.CRITICAL), Anomaly("nobody", Severity.CRITICAL));

        var frame = await ReceiveAsync(wanted, TimeSpan.FromSeconds(20));
        Assert.Equal("anomaly", frame.GetProperty("type").GetString());
        Assert.Equal("live-1", frame.GetProperty("data").GetProperty("host").GetString());
        Assert.Equal("critical", frame.GetProperty("data").GetProperty("severity").GetString());
        using var quiet = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => other.ReceiveAsync(new byte[1024], quiet.Token));
    }

    [Fact]
    public async Task Live_WithoutKey_IsRefused()
    {
        using var socket = new ClientWebSocket();
        var url = new Uri(fixture.BaseUrl.ToString().Replace("http", "ws", StringComparison.Ordinal) + "api/live");
        await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(url, CancellationToken.None));
    }

    [Fact]
    public async Task LiveClient_FullQueue_DropsTheOldestAndCountsThem()
    {
        var client = new LiveClient(LiveFilter.Everything, 3);
        for (var i = 0; i < 5; i++)
        {
            client.Enqueue(new[] { (byte)i });
        }

        Assert.Equal(2, client.TakeDropped());
        Assert.Equal(0, client.TakeDropped());
        Assert.True(client.Frames.TryRead(out var first));
        Assert.Equal(2, first.Span[0]);
    }

    private async Task<ClientWebSocket> ConnectAsync(string query)
    {
        var socket = new ClientWebSocket();
        var url = new Uri(fixture.BaseUrl.ToString().Replace("http", "ws", StringComparison.Ordinal) + "api/live?" + query + "&access_token=" + fixture.ViewerKey);
        await socket.ConnectAsync(url, CancellationToken.None);
        return socket;
    }

    private static async Task<JsonElement> ReceiveAsync(ClientWebSocket socket, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        var buffer = new byte[64 * 1024];
        var text = new StringBuilder();
        WebSocketReceiveResult result;
        do
        {
            result = await socket.ReceiveAsync(buffer, cancel.Token);
            text.Append(Encoding.UTF8.GetString(buffer, 0, result.Count));
        }
        while (!result.EndOfMessage);
        return JsonDocument.Parse(text.ToString()).RootElement;
    }

    private async Task ProduceAsync(params Anomaly[] anomalies)
    {
        using var producer = new ProducerBuilder<string, Anomaly>(new ProducerConfig { BootstrapServers = fixture.Platform.Kafka.BootstrapServers })
            .SetValueSerializer(new AvroWireSerializer<Anomaly>(fixture.Platform.RegistryClient))
            .Build();
        foreach (var anomaly in anomalies)
        {
            await producer.ProduceAsync(TopicCatalogue.Anomalies.Name, new Message<string, Anomaly> { Key = anomaly.host, Value = anomaly });
        }
    }

    private static Anomaly Anomaly(string host, Severity severity) => new()
    {
        id = Guid.NewGuid().ToString("N"),
        host = host,
        window = new TimeWindow { start = DateTime.UtcNow.AddSeconds(-10), end = DateTime.UtcNow },
        score = 9,
        threshold = 3,
        severity = severity,
        model = "ensemble",
        modelVersion = "v1",
        contributions = [new Contribution { series = "cpu.util", share = 0.8, value = 0.97, expected = 0.3 }],
        consecutiveWindows = 2,
        tags = new Dictionary<string, string>(),
        detectedAt = DateTime.UtcNow,
    };
}
