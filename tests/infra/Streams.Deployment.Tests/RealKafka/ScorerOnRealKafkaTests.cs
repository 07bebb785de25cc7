using System.Text;
using Confluent.Kafka;
using io.streams.avro;
using Streams.Schemas.Topics;
using Streams.Scorer;
using Streams.Scoring.Artifacts;
using Streams.Scoring.HostDetection;
using Streams.Topology.Tests.Scoring;

namespace Streams.Deployment.Tests.RealKafka;

[Collection(RealKafkaGroup.Name)]
public sealed class ScorerOnRealKafkaTests(RealKafkaPlatform platform)
{
    [DockerFact]
    public async Task Scorer_AnnouncedModelAndSpikedWindowsOnRealKafka_EmitsAnomaliesExplainedByTheSpike()
    {
        var host = MetricSamples.UniqueHost("web");
        var detector = HostDetector.Train(HostWindows.Names, HostWindows.Rows(600, 1), new HostDetectorOptions());
        var saved = new ModelArtifactStore(platform.TempDirectory("streams-models-"))
            .Save(Metadata(host, detector), HostDetectorArtifact.Serialize(detector));
        Announce(saved);
        await platform.StartRoleAsync(
            new Dictionary<string, string?>
            {
                ["Scorer:ApplicationId"] = "scorer-deploy-" + Guid.NewGuid().ToString("N")[..8],
                ["Scorer:StateDir"] = platform.TempDirectory("streams-scorer-"),
                ["Scorer:CommitIntervalMs"] = "100",
                ["Scorer:ModelsCatchUpTimeout"] = "00:00:10",
            },
            (services, configuration) => services.AddScorer(configuration));

        // 40 normal windows, then 5 with disk far above where the other metrics put it.
        var random = new Random(2);
        platform.Produce(TopicCatalogue.MetricsWindows.Name, Enumerable.Range(0, 45).Select(i =>
        {
            var values = HostWindows.Values(i, random);
            values[3] += i >= 40 ? 0.4 : 0;
            return HostWindows.Window(host, i, values);
        }), w => w.host);

        var anomalies = platform.Read<Anomaly>(TopicCatalogue.Anomalies.Name, a => a.host == host, a => a.Count >= 3, TimeSpan.FromSeconds(120));
        Assert.True(anomalies.Count >= 3, $"{anomalies.Count} anomalies for {host}");
        Assert.All(anomalies, a =>
        {
            Assert.Equal(saved.Version, a.modelVersion);
            Assert.Equal("disk", a.contributions[0].series);
            Assert.True(a.window.start >= HostWindows.T0.AddSeconds(400));
        });
    }

    private void Announce(ModelMetadata metadata)
    {
        using var producer = new ProducerBuilder<string, byte[]>(new ProducerConfig { BootstrapServers = platform.BootstrapServers }).Build();
        producer.Produce(TopicCatalogue.Models.Name, new Message<string, byte[]> { Key = metadata.Name, Value = Encoding.UTF8.GetBytes(metadata.ToJson()) });
        Assert.Equal(0, producer.Flush(TimeSpan.FromSeconds(30)));
    }

    private static ModelMetadata Metadata(string host, HostDetector detector) => new()
    {
        Name = ModelMetadata.HostModelName(host),
        Host = host,
        Version = "20261125T090000000Z",
        FeatureNames = detector.FeatureNames,
        Threshold = detector.Threshold,
        Source = "test",
        TrainingRows = 600,
        Seed = 42,
        CreatedAt = HostWindows.T0,
    };
}
