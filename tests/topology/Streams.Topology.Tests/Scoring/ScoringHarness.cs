using System.Text;
using Confluent.Kafka;
using io.streams.avro;
using Streamiz.Kafka.Net;
using Streamiz.Kafka.Net.Mock;
using Streamiz.Kafka.Net.SerDes;
using Streams.Schemas.Topics;
using Streams.Scoring.Artifacts;
using Streams.Scoring.HostDetection;
using Streams.Scoring.Learning;
using Streams.Topology.Scoring;
using Streams.Topology.Serdes;
using Streams.Topology.State;
using Streams.Topology.Tests.Metrics;
using Streams.Topology.Tests.Serdes;

namespace Streams.Topology.Tests.Scoring;

/// <summary>ScoreWindows in a SYNC TopologyTestDriver, with a model registry the test publishes to and every scored window recorded.</summary>
internal sealed class ScoringHarness : IDisposable
{
    private readonly InMemorySchemaRegistryClient registry = new();
    private readonly string stateDir = Path.Combine(Path.GetTempPath(), "streams-scoring-" + Guid.NewGuid().ToString("N"));

    public ScoringHarness(ScoreOptions options, FleetModels? fleet = null)
    {
        Fleet = fleet ?? new FleetModels(options.ColdStart, Path.Combine(stateDir, "fleet"));
        Status = new ScorerStatus(Scored.Add);
        WindowSerDes = new SchemaAvroSerDes<MetricWindow>(registry);
        var builder = new StreamBuilder();
        ScoreWindows.Build(builder, WindowSerDes, new SchemaAvroSerDes<Anomaly>(registry), options, Models, Status, Fleet, Clock);
        Driver = new TopologyTestDriver(builder.Build(), new StreamConfig<StringSerDes, StringSerDes>
        {
            ApplicationId = "scoring-test",
            StateDir = stateDir,
            DefaultStateStoreCacheMaxBytes = 0,
        });
        Input = Driver.CreateInputTopic(TopicCatalogue.MetricsWindows.Name, new StringSerDes(), new ByteArraySerDes());
        Anomalies = Driver.CreateOutputTopic(TopicCatalogue.Anomalies.Name, TimeSpan.FromMilliseconds(50), new StringSerDes(), new SchemaAvroSerDes<Anomaly>(registry));
        DeadLetter = Driver.CreateOutputTopic(TopicCatalogue.DeadLetter.Name, TimeSpan.FromMilliseconds(50), new StringSerDes(), new ByteArraySerDes());
        Published = Driver.CreateOutputTopic(TopicCatalogue.Models.Name, TimeSpan.FromMilliseconds(50), new StringSerDes(), new ByteArraySerDes());
    }

    public ManualClock Clock { get; } = new(new DateTimeOffset(HostWindows.T0.AddHours(1)));

    public ModelRegistry Models { get; } = new();

    /// <summary>The scorers' self-trained models and fleet priors: this harness's own unless one is shared with another.</summary>
    public FleetModels Fleet { get; }

    public ScorerStatus Status { get; }

    public List<ScoredWindow> Scored { get; } = [];

    public SchemaAvroSerDes<MetricWindow> WindowSerDes { get; }

    public TopologyTestDriver Driver { get; }

    public TestInputTopic<string, byte[]> Input { get; }

    public TestOutputTopic<string, Anomaly> Anomalies { get; }

    public TestOutputTopic<string, byte[]> DeadLetter { get; }

    /// <summary>What the scorer published on <c>models</c>.</summary>
    public TestOutputTopic<string, byte[]> Published { get; }

    /// <summary>
    /// The last changelog record of each key of one of the scorer's stores: what a restarted
    /// instance, or the next owner of the partition after a rebalance, restores the store from.
    /// (The SYNC driver deletes its stores on dispose and starts a new driver on an empty cluster,
    /// so a restart cannot be run end to end here.)
    /// </summary>
    public Dictionary<string, T> Restored<T>(string store, ISerDes<T> serdes)
        where T : class
    {
        var changelog = Driver.CreateOutputTopic("scoring-test-" + store + "-changelog", TimeSpan.FromMilliseconds(50), new StringSerDes(), new ByteArraySerDes());
        var restored = new Dictionary<string, T>(StringComparer.Ordinal);
        foreach (var change in changelog.ReadKeyValueList())
        {
            if (change.Message.Value is null)
            {
                restored.Remove(change.Message.Key);
            }
            else
            {
                restored[change.Message.Key] = serdes.Deserialize(change.Message.Value, new SerializationContext(MessageComponentType.Value, store));
            }
        }

        return restored;
    }

    /// <summary>Options whose fits run on the stream thread, so a model due at a window scores the next one.</summary>
    public static ScoreOptions Options(int warmup = 300) => Options(new RetrainPolicy { FirstWindows = warmup, MatureWindows = warmup });

    public static ScoreOptions Options(RetrainPolicy learning) => new() { Learning = learning, TrainOffThread = false, Stores = StateStoreKind.InMemory };

    public static HostDetector Train(int windows, int seed) => HostDetector.Train(HostWindows.Names, HostWindows.Rows(windows, seed), new HostDetectorOptions());

    public void Pipe(MetricWindow window) =>
        Input.PipeInput(window.host, WindowSerDes.Serialize(window, new SerializationContext(MessageComponentType.Value, TopicCatalogue.MetricsWindows.Name)));

    public List<Anomaly> ReadAnomalies() => [.. Anomalies.ReadValueList()];

    /// <summary>The records published on <c>models</c> since the last read, as a reader of the topic parses them.</summary>
    public List<(string Key, ModelMetadata Record)> ReadPublished() =>
        [.. Published.ReadKeyValueList().Select(r => (r.Message.Key, ModelMetadata.FromJson(Encoding.UTF8.GetString(r.Message.Value))))];

    public void Dispose()
    {
        Driver.Dispose();
        registry.Dispose();
        if (Directory.Exists(stateDir))
        {
            Directory.Delete(stateDir, recursive: true);
        }
    }
}
