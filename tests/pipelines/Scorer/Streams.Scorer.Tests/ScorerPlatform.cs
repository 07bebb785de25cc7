using System.Text;
using Confluent.Kafka;
using io.streams.avro;
using Streams.Schemas.Topics;
using Streams.Scoring.Artifacts;
using Streams.Testing;
using Streams.Topology.Serdes;

namespace Streams.Scorer.Tests;

/// <summary>The shared embedded platform with a host running the scorer role, windows in and anomalies out.</summary>
internal sealed class ScorerPlatform : IAsyncDisposable
{
    private readonly StreamizTestPlatform platform;

    private ScorerPlatform(StreamizTestPlatform platform)
    {
        this.platform = platform;
        Windows = new SchemaAvroSerDes<MetricWindow>(platform.RegistryClient);
        Anomalies = new SchemaAvroSerDes<Anomaly>(platform.RegistryClient);
    }

    public SchemaAvroSerDes<MetricWindow> Windows { get; }

    public SchemaAvroSerDes<Anomaly> Anomalies { get; }

    public static async Task<ScorerPlatform> StartAsync() => new(await StreamizTestPlatform.StartAsync());

    public string TempDirectory(string prefix) => platform.TempDirectory(prefix);

    public async Task<ScorerService> StartScorerAsync(int firstWindows = 60)
    {
        var (_, scorer) = await platform.StartRoleAsync<ScorerService>(
            new Dictionary<string, string?>
            {
                ["Scorer:ApplicationId"] = "scorer-test-" + Guid.NewGuid().ToString("N")[..8],
                ["Scorer:StateDir"] = TempDirectory("streams-scorer-"),
                ["Scorer:CommitIntervalMs"] = "100",
                ["Scorer:Learning:FirstWindows"] = firstWindows.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Scorer:ModelsCatchUpTimeout"] = "00:00:10",
            },
            (services, configuration) => services.AddStreamsScorer(configuration));
        return scorer;
    }

    public void Announce(ModelMetadata metadata)
    {
        using var producer = new ProducerBuilder<string, byte[]>(new ProducerConfig { BootstrapServers = platform.Kafka.BootstrapServers }).Build();
        producer.Produce(TopicCatalogue.Models.Name, new Message<string, byte[]> { Key = metadata.Name, Value = Encoding.UTF8.GetBytes(metadata.ToJson()) });
        producer.Flush(TimeSpan.FromSeconds(10));
    }

    public void Produce(IEnumerable<MetricWindow> windows) =>
        platform.Produce(TopicCatalogue.MetricsWindows.Name, Windows, windows, w => w.host);

    public List<Anomaly> ReadAnomalies(Func<List<Anomaly>, bool> done, TimeSpan timeout) =>
        platform.Read(TopicCatalogue.Anomalies.Name, Anomalies, done, timeout);

    public ValueTask DisposeAsync() => platform.DisposeAsync();
}
