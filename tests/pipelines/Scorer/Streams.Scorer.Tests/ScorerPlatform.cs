using System.Text;
using Confluent.Kafka;
using Microsoft.Extensions.Hosting;
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

    public async Task<ScorerService> StartScorerAsync(int firstWindows = 60) =>
        (await StartInstanceAsync(NewApplicationId(), firstWindows)).Scorer;

    /// <summary>
    /// A scorer instance of <paramref name="applicationId"/> on a new, empty state directory: a
    /// first instance, or one restarted without its disk, or the next owner of a partition after
    /// a rebalance (each restores the stores from their changelogs). <paramref name="trainOffThread"/>
    /// false fits a model in the window that made it due, so a burst of windows is not over before it is installed.
    /// </summary>
    public async Task<(IHost Host, ScorerService Scorer)> StartInstanceAsync(string applicationId, int firstWindows = 60, bool trainOffThread = true) =>
        await platform.StartRoleAsync<ScorerService>(
            new Dictionary<string, string?>
            {
                ["Scorer:ApplicationId"] = applicationId,
                ["Scorer:StateDir"] = TempDirectory("streams-scorer-"),
                ["Scorer:CommitIntervalMs"] = "100",
                ["Scorer:Learning:FirstWindows"] = firstWindows.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Scorer:ModelsCatchUpTimeout"] = "00:00:10",
                ["Scorer:TrainOffThread"] = trainOffThread ? "true" : "false",
            },
            (services, configuration) => services.AddScorer(configuration));

    /// <summary>Stops an instance as Ctrl-C does: it commits and leaves the group.</summary>
    public Task StopAsync(IHost host) => platform.StopAsync(host);

    public static string NewApplicationId() => "scorer-test-" + Guid.NewGuid().ToString("N")[..8];

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
