using System.Diagnostics;
using System.Text;
using Confluent.Kafka;
using io.streams.avro;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Trace;
using Streams.Alerting.Rules;
using Streams.Notifier;
using Streams.Schemas.Topics;
using Streams.Testing;
using Streams.Topology.Serdes;

namespace Streams.Alerter.Tests;

public sealed class TraceContextTests
{
    [Fact]
    public async Task TraceContext_AnomalyCarryingATrace_AlertingAndNotifierSpansJoinItAndTheAlertCarriesItOn()
    {
        var spans = new List<Activity>();
        using var tracing = Sdk.CreateTracerProviderBuilder().AddSource("Streams.*").AddInMemoryExporter(spans).Build();
        await using var platform = await StreamizTestPlatform.StartAsync();
        using (var producer = new ProducerBuilder<string, byte[]>(new ProducerConfig { BootstrapServers = platform.Kafka.BootstrapServers }).Build())
        {
            Assert.Empty(await new AlertConfigWriter(producer).PutRuleAsync(DefaultRules.All.Single(r => r.Id == "anomaly-sustained")));
        }

        await platform.StartRoleAsync<AlerterService>(
            new Dictionary<string, string?> { ["Alerting:StateDir"] = platform.TempDirectory("streams-alerting-"), ["Alerting:Stores"] = "InMemory", ["Alerting:SeedDefaultRules"] = "false" },
            (services, configuration) => services.AddAlerter(configuration));
        var notifier = await StartNotifierAsync(platform);

        // The scorer's span, as if the anomaly came from it.
        var scorerTrace = ActivityTraceId.CreateRandom();
        var scorerSpan = ActivitySpanId.CreateRandom();
        ProduceAnomaly(platform, $"00-{scorerTrace}-{scorerSpan}-01");

        var alerts = platform.Read(TopicCatalogue.Alerts.Name, new SchemaAvroSerDes<Alert>(platform.RegistryClient), a => a.Count >= 1, TimeSpan.FromSeconds(120));
        Assert.Equal(AlertState.FIRING, Assert.Single(alerts).state);
        await Until(() => Snapshot(spans).Any(s => s.OperationName == "notify" && s.TraceId == scorerTrace));

        var all = Snapshot(spans);
        var evaluate = Assert.Single(all, s => s.OperationName == "evaluate-alerts" && s.TraceId == scorerTrace);
        Assert.Equal(scorerSpan, evaluate.ParentSpanId);
        var notify = Assert.Single(all, s => s.OperationName == "notify" && s.TraceId == scorerTrace);
        Assert.Equal(evaluate.SpanId, notify.ParentSpanId);
        Assert.Equal($"00-{scorerTrace}-{evaluate.SpanId}-01", AlertTraceParent(platform));
        await platform.StopAsync(notifier);
    }

    private static async Task<IHost> StartNotifierAsync(StreamizTestPlatform platform)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddSingleton<Streams.Platform.Kafka.IKafkaEndpoint>(new Endpoint(platform));
        builder.Services.AddSingleton<Streams.Platform.SchemaRegistry.ISchemaRegistryEndpoint>(new Endpoint(platform));
        builder.Services.AddNotifier(builder.Configuration);
        var host = builder.Build();
        await host.StartAsync();
        await host.Services.GetRequiredService<NotifierService>().Consuming.WaitAsync(TimeSpan.FromSeconds(120));
        return host;
    }

    private static void ProduceAnomaly(StreamizTestPlatform platform, string traceParent)
    {
        var serdes = new SchemaAvroSerDes<Anomaly>(platform.RegistryClient);
        var now = DateTime.UtcNow;
        var anomaly = new Anomaly
        {
            id = "a-1",
            host = "db-1",
            window = new TimeWindow { start = now.AddSeconds(-10), end = now },
            score = 5,
            threshold = 1,
            severity = Severity.CRITICAL,
            model = "ensemble",
            consecutiveWindows = 2,
            detectedAt = now,
        };
        using var producer = new ProducerBuilder<string, byte[]>(new ProducerConfig { BootstrapServers = platform.Kafka.BootstrapServers }).Build();
        producer.Produce(TopicCatalogue.Anomalies.Name, new Message<string, byte[]>
        {
            Key = anomaly.host,
            Value = serdes.Serialize(anomaly, new SerializationContext(MessageComponentType.Value, TopicCatalogue.Anomalies.Name)),
            Headers = [new Header("traceparent", Encoding.ASCII.GetBytes(traceParent))],
        });
        producer.Flush(TimeSpan.FromSeconds(10));
    }

    private static string? AlertTraceParent(StreamizTestPlatform platform)
    {
        using var consumer = new ConsumerBuilder<string, byte[]>(new ConsumerConfig { BootstrapServers = platform.Kafka.BootstrapServers, GroupId = "trace-" + Guid.NewGuid().ToString("N"), AutoOffsetReset = AutoOffsetReset.Earliest }).Build();
        consumer.Subscribe(TopicCatalogue.Alerts.Name);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(200))?.Message is { } message)
            {
                return message.Headers.TryGetLastBytes("traceparent", out var bytes) ? Encoding.ASCII.GetString(bytes) : null;
            }
        }

        return null;
    }

    private static List<Activity> Snapshot(List<Activity> spans)
    {
        lock (spans)
        {
            return [.. spans];
        }
    }

    private static async Task Until(Func<bool> condition)
    {
        for (var wait = 0; wait < 300 && !condition(); wait++)
        {
            await Task.Delay(100);
        }
    }

    private sealed class Endpoint(StreamizTestPlatform platform) : Streams.Platform.Kafka.IKafkaEndpoint, Streams.Platform.SchemaRegistry.ISchemaRegistryEndpoint
    {
        public string BootstrapServers => platform.Kafka.BootstrapServers;

        public bool IsEmbedded => true;

        public Streams.Platform.Kafka.ITopicCreator? TopicCreator => platform.Kafka;

        public Uri Url => platform.Registry.Url;
    }
}
