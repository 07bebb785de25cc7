using System.Diagnostics;
using System.Text;
using Confluent.Kafka;
using io.streams.avro;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Streams.Alerting.Config;
using Streams.Alerting.Notifications;
using Streams.Platform.Kafka;
using Streams.Platform.SchemaRegistry;
using Streams.Schemas.Serdes;
using Streams.Schemas.Topics;
using Streams.Testing;
using Xunit.Abstractions;

namespace Streams.Notifier.Tests;

public sealed class NotifierEndToEndTests(ITestOutputHelper output) : IAsyncLifetime
{
    private StreamizTestPlatform platform = null!;
    private HttpReceiver receiver = null!;

    public async Task InitializeAsync()
    {
        platform = await StreamizTestPlatform.StartAsync();
        receiver = await HttpReceiver.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await receiver.DisposeAsync();
        await platform.DisposeAsync();
    }

    [Fact]
    public async Task Notifier_AlertThenRestartWithReplay_DeliversOnceAndAuditsSent()
    {
        ProducePreference("web", $$"""{ "team": "web", "channels": [ { "type": "webhook", "url": "{{receiver.Url}}hook", "name": "web-hook" } ], "matchers": [ "group=\"web\"" ] }""");
        ProducePreference("ignored", """{ "team": "db", "channels": [ { "type": "email", "address": "bad" } ] }""");
        var firing = TestData.Alert("fp-e2e-1");

        var first = await StartNotifierAsync("notifier-e2e-a");
        var sent = Stopwatch.StartNew();
        ProduceAlerts(TestData.Alert("fp-e2e-1", AlertState.PENDING), firing);
        var request = Assert.Single(await receiver.WaitForAsync(1));
        output.WriteLine($"first alert (includes the group join) produced → webhook received: {sent.ElapsedMilliseconds} ms");
        Assert.Equal("fp-e2e-1", request.Json.GetProperty("alerts")[0].GetProperty("fingerprint").GetString());
        sent.Restart();
        ProduceAlerts(TestData.Alert("fp-e2e-3", host: "web-3"));
        await receiver.WaitForAsync(2);
        output.WriteLine($"steady state: alert produced → webhook received: {sent.ElapsedMilliseconds} ms");

        var id = NotificationId.For("fp-e2e-1", AlertState.FIRING, firing.startsAt, ChannelType.Webhook, "web-hook");
        var audited = ReadNotifications(records => records.Any(r => r.id == id && r.status == NotificationStatus.SENT));
        Assert.Equal([NotificationStatus.PENDING, NotificationStatus.SENT], audited.Where(r => r.id == id).Select(r => r.status));
        Assert.Equal("web-hook", audited.First(r => r.id == id).recipient);
        await StopAsync(first);

        // A new group reads alerts from the beginning: the replay must find fp-e2e-1 in the ledger.
        var second = await StartNotifierAsync("notifier-e2e-b");
        ProduceAlerts(TestData.Alert("fp-e2e-2", host: "web-2"));
        var requests = await receiver.WaitForAsync(3);
        await Task.Delay(TimeSpan.FromSeconds(1));
        await StopAsync(second);

        Assert.Equal(3, receiver.Requests.Count);
        Assert.Equal("fp-e2e-2", requests[2].Json.GetProperty("alerts")[0].GetProperty("fingerprint").GetString());
    }

    [Fact]
    public async Task Notifier_StoppedDuringGroupWait_TheNextInstanceOfTheGroupDeliversTheHeldNotificationOnce()
    {
        ProducePreference("now", $$"""{ "team": "web", "channels": [ {{Hook("now")}} ] }""");
        ProducePreference("grouped", $$"""{ "team": "ops", "channels": [ {{Hook("grouped")}} ], "groupBy": ["group"], "groupWait": "5s" }""");

        // The notification to "now" shows the record was consumed; the one to "grouped" still waits.
        var first = await StartNotifierAsync("notifier-e2e-held");
        ProduceAlerts(TestData.Alert("fp-held"));
        await receiver.WaitForAsync(1);
        await StopAsync(first);
        Assert.Equal(["/now"], receiver.Requests.Select(r => r.Path));

        // Same group: it resumes from the committed offset, which must not be past the held record.
        var second = await StartNotifierAsync("notifier-e2e-held");
        var requests = await receiver.WaitForAsync(2);
        await Task.Delay(TimeSpan.FromSeconds(2));
        await StopAsync(second);

        Assert.Equal(["/now", "/grouped"], receiver.Requests.Select(r => r.Path));
        Assert.Equal("fp-held", requests[1].Json.GetProperty("alerts")[0].GetProperty("fingerprint").GetString());
        var id = NotificationId.For("fp-held", AlertState.FIRING, TestData.EpisodeStart, ChannelType.Webhook, "grouped");
        var audited = ReadNotifications(records => records.Any(r => r.id == id && r.status == NotificationStatus.SENT));
        Assert.Equal([NotificationStatus.PENDING, NotificationStatus.SENT], audited.Where(r => r.id == id).Select(r => r.status));

        string Hook(string name) => $$"""{ "type": "webhook", "url": "{{receiver.Url}}{{name}}", "name": "{{name}}" }""";
    }

    [Fact]
    public async Task Notifier_UnreadableAlertRecord_GoesToDeadLetterWithTheReasonAndTheNextAlertIsStillDelivered()
    {
        ProducePreference("web", $$"""{ "team": "web", "channels": [ { "type": "webhook", "url": "{{receiver.Url}}hook", "name": "web-hook" } ] }""");
        var notifier = await StartNotifierAsync("notifier-e2e-dead");
        using (var producer = new ProducerBuilder<string, byte[]>(new ProducerConfig { BootstrapServers = platform.Kafka.BootstrapServers }).Build())
        {
            await producer.ProduceAsync(TopicCatalogue.Alerts.Name, new Message<string, byte[]> { Key = "fp-garbage", Value = [0, 0, 0, 0, 42, 7, 7] });
        }

        ProduceAlerts(TestData.Alert("fp-e2e-after", host: "web-4"));
        var delivered = Assert.Single(await receiver.WaitForAsync(1));
        Assert.Equal("fp-e2e-after", delivered.Json.GetProperty("alerts")[0].GetProperty("fingerprint").GetString());

        using var consumer = new ConsumerBuilder<string, byte[]>(new ConsumerConfig { BootstrapServers = platform.Kafka.BootstrapServers, GroupId = "dead-" + Guid.NewGuid().ToString("N"), AutoOffsetReset = AutoOffsetReset.Earliest }).Build();
        consumer.Subscribe(TopicCatalogue.DeadLetter.Name);
        ConsumeResult<string, byte[]>? dead = null;
        for (var deadline = DateTime.UtcNow.AddSeconds(30); dead is null && DateTime.UtcNow < deadline;)
        {
            dead = consumer.Consume(TimeSpan.FromMilliseconds(200));
        }

        Assert.NotNull(dead);
        Assert.Equal(TopicCatalogue.Alerts.Name, dead.Message.Key);
        Assert.Equal([0, 0, 0, 0, 42, 7, 7], dead.Message.Value);
        Assert.Equal("notifier", Encoding.UTF8.GetString(dead.Message.Headers.GetLastBytes("stage")));
        Assert.Equal("malformed-avro", Encoding.UTF8.GetString(dead.Message.Headers.GetLastBytes("reason")));
        await StopAsync(notifier);
    }

    [Fact]
    public async Task Notifier_DashboardPreference_WritesTheNotificationToItsTopicAndAuditsItSent()
    {
        ProducePreference("wall", """{ "team": "web", "channels": [ { "type": "dashboard", "address": "web-wall" } ], "matchers": [ "group=\"web\"" ] }""");
        var notifier = await StartNotifierAsync("notifier-e2e-dashboard");
        ProduceAlerts(TestData.Alert("fp-wall"));

        var delivered = Assert.Single(Read<DashboardNotification>(TopicCatalogue.DashboardNotifications.Name, records => records.Count > 0));
        Assert.Equal(("web-wall", AlertState.FIRING, Severity.MAJOR), (delivered.recipient, delivered.alertState, delivered.severity));
        Assert.Equal(["fp-wall"], delivered.alertFingerprints);
        Assert.Contains("CpuHigh", delivered.title, StringComparison.Ordinal);
        var id = NotificationId.For("fp-wall", AlertState.FIRING, TestData.EpisodeStart, ChannelType.Dashboard, "web-wall");
        var audited = ReadNotifications(records => records.Any(r => r.id == id && r.status == NotificationStatus.SENT));
        Assert.Contains(audited, r => r.id == id && r.status == NotificationStatus.SENT);
        await StopAsync(notifier);
    }

    private async Task<IHost> StartNotifierAsync(string groupId)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Notifier:GroupId"] = groupId,
            ["Notifier:RetryBaseDelay"] = "00:00:00.050",
            ["Notifier:CatchUpTimeout"] = "00:00:20",
            ["Notifier:Targets:Allow:0"] = "127.0.0.0/8",
        }).Build();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        var endpoints = new Endpoints(platform.Kafka.BootstrapServers, platform.Registry.Url);
        builder.Services.AddSingleton<IKafkaEndpoint>(endpoints);
        builder.Services.AddSingleton<ISchemaRegistryEndpoint>(endpoints);
        builder.Services.AddNotifier(configuration);
        builder.Services.AddNotifier(configuration);
        var host = builder.Build();
        await host.StartAsync();
        await host.Services.GetRequiredService<NotifierService>().Consuming.WaitAsync(TimeSpan.FromSeconds(120));
        return host;
    }

    private static async Task StopAsync(IHost host)
    {
        await host.StopAsync(TimeSpan.FromSeconds(30));
        host.Dispose();
    }

    private void ProducePreference(string id, string json)
    {
        using var producer = new ProducerBuilder<string, byte[]>(new ProducerConfig { BootstrapServers = platform.Kafka.BootstrapServers }).Build();
        producer.Produce(TopicCatalogue.AlertRules.Name, new Message<string, byte[]> { Key = AlertConfigKey.Preference(id), Value = Encoding.UTF8.GetBytes(json) });
        producer.Flush(TimeSpan.FromSeconds(10));
    }

    private void ProduceAlerts(params Alert[] alerts)
    {
        var serializer = new AvroWireSerializer<Alert>(platform.RegistryClient);
        using var producer = new ProducerBuilder<string, byte[]>(new ProducerConfig { BootstrapServers = platform.Kafka.BootstrapServers }).Build();
        foreach (var alert in alerts)
        {
            var value = serializer.Serialize(alert, new SerializationContext(MessageComponentType.Value, TopicCatalogue.Alerts.Name));
            producer.Produce(TopicCatalogue.Alerts.Name, new Message<string, byte[]> { Key = alert.fingerprint, Value = value });
        }

        producer.Flush(TimeSpan.FromSeconds(10));
    }

    private List<Notification> ReadNotifications(Func<List<Notification>, bool> done) =>
        Read(TopicCatalogue.Notifications.Name, done);

    private List<T> Read<T>(string topic, Func<List<T>, bool> done)
        where T : Avro.Specific.ISpecificRecord, new()
    {
        var deserializer = new AvroWireDeserializer<T>(platform.RegistryClient);
        using var consumer = new ConsumerBuilder<string, byte[]>(new ConsumerConfig
        {
            BootstrapServers = platform.Kafka.BootstrapServers,
            GroupId = "reader-" + Guid.NewGuid().ToString("N"),
            AutoOffsetReset = AutoOffsetReset.Earliest,
        }).Build();
        consumer.Subscribe(topic);
        var records = new List<T>();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!done(records) && DateTime.UtcNow < deadline)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is { Message: { } message })
            {
                records.Add(deserializer.Deserialize(message.Value, isNull: false, new SerializationContext(MessageComponentType.Value, topic)));
            }
        }

        consumer.Close();
        return records;
    }

    private sealed class Endpoints(string bootstrapServers, Uri registry) : IKafkaEndpoint, ISchemaRegistryEndpoint
    {
        public string BootstrapServers => bootstrapServers;

        public bool IsEmbedded => true;

        public ITopicCreator? TopicCreator => null;

        public Uri Url => registry;
    }
}
