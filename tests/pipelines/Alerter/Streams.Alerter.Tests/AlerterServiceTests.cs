using Confluent.Kafka;
using io.streams.avro;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Streams.Alerting.Rules;
using Streams.Schemas.Topics;
using Streams.Testing;
using Streams.Topology.Serdes;

namespace Streams.Alerter.Tests;

public sealed class AlerterServiceTests
{
    private static readonly AlertRule CpuNow = DefaultRules.All.Single(r => r.Id == "cpu-saturated") with { For = TimeSpan.Zero };

    [Fact]
    public async Task Alerting_EmptyRulesTopic_SeedsTheDefaultRules()
    {
        await using var platform = await StreamizTestPlatform.StartAsync();
        var (_, alerting) = await StartAsync(platform, seed: true);

        Assert.Equal(DefaultRules.All.Select(r => r.Id).Order(), alerting.Config.Rules.All.Select(r => r.Id).Order());
        var stored = ReadKeys(platform);
        Assert.Contains("rule:host-down", stored);
    }

    [Fact]
    public async Task Alerting_BusyCpuThroughTheBroker_FiresOnceAndAfterARestartKeepsItsStateWithoutFiringAgain()
    {
        await using var platform = await StreamizTestPlatform.StartAsync();
        await WriteRuleAsync(platform, CpuNow);
        var (host, alerting) = await StartAsync(platform, seed: false);
        Assert.NotNull(alerting.Config.Rules.Find(CpuNow.Id));

        Produce(platform, 0.99, 0.98);
        var alerts = platform.Read(TopicCatalogue.Alerts.Name, new SchemaAvroSerDes<Alert>(platform.RegistryClient), a => a.Count >= 1, TimeSpan.FromSeconds(120));
        var firing = Assert.Single(alerts);
        Assert.Equal((AlertState.FIRING, "web-1"), (firing.state, firing.labels["host"]));

        // Offsets and the store's changelog are committed every second; a clean stop commits too.
        await platform.StopAsync(host);
        var (_, restarted) = await StartAsync(platform, seed: false);
        Produce(platform, 0.97, 0.5);

        var after = platform.Read(TopicCatalogue.Alerts.Name, new SchemaAvroSerDes<Alert>(platform.RegistryClient), a => a.Count >= 2, TimeSpan.FromSeconds(120));
        Assert.Equal([AlertState.FIRING, AlertState.RESOLVED], after.Select(a => a.state));
        Assert.Equal(firing.fingerprint, after[1].fingerprint);
        Assert.Equal(firing.startsAt, after[1].startsAt);
        Assert.NotNull(restarted.Config.Rules.Find(CpuNow.Id));
    }

    private static Task<(Microsoft.Extensions.Hosting.IHost Host, AlerterService Service)> StartAsync(StreamizTestPlatform platform, bool seed) =>
        platform.StartRoleAsync<AlerterService>(
            new Dictionary<string, string?>
            {
                ["Alerting:StateDir"] = platform.TempDirectory("streams-alerting-"),
                ["Alerting:Stores"] = "InMemory",
                ["Alerting:SeedDefaultRules"] = seed ? "true" : "false",
            },
            (services, configuration) => services.AddAlerter(configuration));

    private static async Task WriteRuleAsync(StreamizTestPlatform platform, AlertRule rule)
    {
        using var producer = new ProducerBuilder<string, byte[]>(new ProducerConfig { BootstrapServers = platform.Kafka.BootstrapServers }).Build();
        Assert.Empty(await new AlertConfigWriter(producer).PutRuleAsync(rule));
    }

    private static void Produce(StreamizTestPlatform platform, params double[] cpu)
    {
        var start = DateTime.UtcNow;
        platform.Produce(
            TopicCatalogue.MetricsWindows.Name,
            new SchemaAvroSerDes<MetricWindow>(platform.RegistryClient),
            cpu.Select((value, i) => new MetricWindow
            {
                host = "web-1",
                window = new TimeWindow { start = start.AddSeconds(i * 10), end = start.AddSeconds((i * 10) + 10) },
                windowSizeMs = 10_000,
                series = [new SeriesStats { series = "cpu.util", metric = "cpu.util", unit = "ratio", count = 10, min = value, max = value, mean = value, last = value, p95 = value }],
                featureNames = [],
                features = [],
                present = [],
            }),
            w => w.host);
    }

    private static List<string> ReadKeys(StreamizTestPlatform platform)
    {
        using var consumer = new ConsumerBuilder<string, byte[]>(new ConsumerConfig { BootstrapServers = platform.Kafka.BootstrapServers, GroupId = "keys-" + Guid.NewGuid().ToString("N"), EnablePartitionEof = true }).Build();
        consumer.Assign(new TopicPartitionOffset(TopicCatalogue.AlertRules.Name, 0, Offset.Beginning));
        var keys = new List<string>();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            var result = consumer.Consume(TimeSpan.FromMilliseconds(500));
            if (result is { IsPartitionEOF: true })
            {
                break;
            }

            if (result?.Message is { } message)
            {
                keys.Add(message.Key);
            }
        }

        return keys;
    }
}
