using Confluent.Kafka;
using io.streams.avro;
using Streamiz.Kafka.Net;
using Streamiz.Kafka.Net.Mock;
using Streamiz.Kafka.Net.SerDes;
using Streams.Schemas.Topics;
using Streams.Scoring.Host;
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

    public ScoringHarness(ScoreOptions options)
    {
        Status = new ScorerStatus(Scored.Add);
        WindowSerDes = new SchemaAvroSerDes<MetricWindow>(registry);
        var builder = new StreamBuilder();
        ScoreWindows.Build(builder, WindowSerDes, new SchemaAvroSerDes<Anomaly>(registry), options, Models, Status, Clock);
        Driver = new TopologyTestDriver(builder.Build(), new StreamConfig<StringSerDes, StringSerDes>
        {
            ApplicationId = "scoring-test",
            StateDir = stateDir,
        });
        Input = Driver.CreateInputTopic(TopicCatalogue.MetricsWindows.Name, new StringSerDes(), new ByteArraySerDes());
        Anomalies = Driver.CreateOutputTopic(TopicCatalogue.Anomalies.Name, TimeSpan.FromMilliseconds(50), new StringSerDes(), new SchemaAvroSerDes<Anomaly>(registry));
        DeadLetter = Driver.CreateOutputTopic(TopicCatalogue.DeadLetter.Name, TimeSpan.FromMilliseconds(50), new StringSerDes(), new ByteArraySerDes());
    }

    public ManualClock Clock { get; } = new(new DateTimeOffset(HostWindows.T0.AddHours(1)));

    public ModelRegistry Models { get; } = new();

    public ScorerStatus Status { get; }

    public List<ScoredWindow> Scored { get; } = [];

    public SchemaAvroSerDes<MetricWindow> WindowSerDes { get; }

    public TopologyTestDriver Driver { get; }

    public TestInputTopic<string, byte[]> Input { get; }

    public TestOutputTopic<string, Anomaly> Anomalies { get; }

    public TestOutputTopic<string, byte[]> DeadLetter { get; }

    public static ScoreOptions Options(int warmup = 300) => new() { WarmupWindows = warmup, Stores = StateStoreKind.InMemory };

    public static HostDetector Train(int windows, int seed) => HostDetector.Train(HostWindows.Names, HostWindows.Rows(windows, seed), new HostDetectorOptions());

    public void Pipe(MetricWindow window) =>
        Input.PipeInput(window.host, WindowSerDes.Serialize(window, new SerializationContext(MessageComponentType.Value, TopicCatalogue.MetricsWindows.Name)));

    public List<Anomaly> ReadAnomalies() => [.. Anomalies.ReadValueList()];

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
