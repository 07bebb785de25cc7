using System.Diagnostics;
using io.streams.avro;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Streams.Collectors.Agent.Sampling;
using Streams.Collectors.Publishing.Tests;
using Streams.Platform.Kafka;
using Streams.Platform.SchemaRegistry;
using Streams.Schemas.Topics;

namespace Streams.Collectors.Agent.Tests;

public sealed class CollectorHostingTests(KafkaFixture kafka) : IClassFixture<KafkaFixture>, IDisposable
{
    private readonly string _spool = Path.Combine(Path.GetTempPath(), "streams-collector-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task AddCollector_HostRunsTwoTicks_PublishesTaggedSamplesToMetricsRawAndStopsCleanly()
    {
        kafka.CreateTopic(TopicCatalogue.MetricsRaw.Name, 3);
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Collector:Host"] = "db-7",
            ["Collector:Tags:role"] = "db",
            ["Collector:IntervalSeconds"] = "1",
            ["Collector:Publishing:SpoolPath"] = _spool,
            ["Collector:Publishing:LingerMs"] = "5",
        });
        builder.Services.AddSingleton<IKafkaEndpoint>(kafka);
        builder.Services.AddSingleton<ISchemaRegistryEndpoint>(kafka);
        builder.Services.AddCollector(builder.Configuration);
        builder.Services.AddCollector(builder.Configuration);
        using var host = builder.Build();

        await host.StartAsync();
        await Task.Delay(TimeSpan.FromSeconds(2.5));
        var stopping = Stopwatch.StartNew();
        await host.StopAsync();
        Assert.True(stopping.Elapsed < TimeSpan.FromSeconds(15), $"Stopping took {stopping.Elapsed}.");

        // One batch per pass, each spooled and acknowledged whole.
        var records = kafka.ConsumeAll<MetricBatch>(TopicCatalogue.MetricsRaw.Name, TimeSpan.FromSeconds(2));
        Assert.NotEmpty(records);
        Assert.All(records, r =>
        {
            Assert.Equal("db-7", r.Key);
            Assert.Equal("db-7", r.Value.host);
            Assert.Equal("db", r.Value.tags["role"]);
            Assert.Equal(MetricSource.AGENT, r.Value.source);
            Assert.Equal(1_000, r.Value.intervalMs);
        });
        Assert.Contains(records, r => r.Value.points.Any(p => p.metric == MetricNames.CpuUtil));
        // One collector despite two AddCollector calls: each tick emits one batch with one mem.total.
        Assert.All(records, r => Assert.Single(r.Value.points, p => p.metric == MetricNames.MemTotal));
        Assert.InRange(records.Count, 2, 4);
    }

    public void Dispose()
    {
        if (Directory.Exists(_spool))
        {
            Directory.Delete(_spool, recursive: true);
        }
    }
}
