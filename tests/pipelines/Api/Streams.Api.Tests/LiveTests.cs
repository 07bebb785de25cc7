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
    public async Task Live_DashboardNotificationOnTheTopic_ReachesNotificationClientsAboveTheirSeverity()
    {
        // The notifier may run in another process: the topic is the only way between them.
        using var wanted = await ConnectAsync("feeds=notifications&host=web-*&minSeverity=major");
        using var tooSevere = await ConnectAsync("feeds=notifications&minSeverity=critical");
        using var alertsOnly = await ConnectAsync("feeds=alerts");
        await Task.Delay(1500);
        await ProduceAsync(TopicCatalogue.DashboardNotifications.Name, "web-team", new DashboardNotification
        {
            recipient = "web-team",
            alertState = AlertState.FIRING,
            severity = Severity.MAJOR,
            title = "[FIRING:2] CpuHigh (MAJOR)",
            text = "CPU above 90% on web-1 and db-1",
            groupKey = "web/cpu-high",
            alertFingerprints = ["fp-1", "fp-2"],
            sentAt = DateTime.UtcNow,
        });

        var frame = await ReceiveAsync(wanted, TimeSpan.FromSeconds(20));
        Assert.Equal("notification", frame.GetProperty("type").GetString());
        var data = frame.GetProperty("data");
        Assert.Equal(("web-team", "firing", "major"), (data.GetProperty("recipient").GetString(), data.GetProperty("status").GetString(), data.GetProperty("severity").GetString()));
        Assert.Equal(["fp-1", "fp-2"], data.GetProperty("fingerprints").EnumerateArray().Select(f => f.GetString()));
        using var quiet = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => tooSevere.ReceiveAsync(new byte[1024], quiet.Token));
        using var quieter = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => alertsOnly.ReceiveAsync(new byte[1024], quieter.Token));
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
        foreach (var anomaly in anomalies)
        {
            await ProduceAsync(TopicCatalogue.Anomalies.Name, anomaly.host, anomaly);
        }
    }

    private async Task ProduceAsync<T>(string topic, string key, T value)
        where T : Avro.Specific.ISpecificRecord, new()
    {
        using var producer = new ProducerBuilder<string, T>(new ProducerConfig { BootstrapServers = fixture.Platform.Kafka.BootstrapServers })
            .SetValueSerializer(new AvroWireSerializer<T>(fixture.Platform.RegistryClient))
            .Build();
        await producer.ProduceAsync(topic, new Message<string, T> { Key = key, Value = value });
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
