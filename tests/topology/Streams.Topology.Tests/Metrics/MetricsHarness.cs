using Confluent.Kafka;
using io.streams.avro;
using Streamiz.Kafka.Net;
using Streamiz.Kafka.Net.Mock;
using Streamiz.Kafka.Net.SerDes;
using Streams.Schemas.Topics;
using Streams.Topology.Metrics.Normalize;
using Streams.Topology.Metrics.Window;
using Streams.Topology.Serdes;
using Streams.Topology.State;
using Streams.Topology.Tests.Serdes;

namespace Streams.Topology.Tests.Metrics;

/// <summary>
/// NormalizeMetrics and/or WindowMetrics in a SYNC TopologyTestDriver, with typed access to
/// every topic they touch; the wall clock is <see cref="Clock"/>.
/// </summary>
internal sealed class MetricsHarness : IDisposable
{
    public static readonly DateTime T0 = new(2026, 11, 25, 9, 0, 0, DateTimeKind.Utc);

    private readonly InMemorySchemaRegistryClient registry = new();
    private readonly string stateDir = Path.Combine(Path.GetTempPath(), "streams-topology-" + Guid.NewGuid().ToString("N"));

    public MetricsHarness(bool normalize = true, bool window = true, NormalizeOptions? normalizeOptions = null, MetricWindowOptions? windowOptions = null)
    {
        Samples = new SchemaAvroSerDes<MetricSample>(registry);
        var windows = new SchemaAvroSerDes<MetricWindow>(registry);
        var builder = new StreamBuilder();
        if (normalize)
        {
            NormalizeMetrics.Build(builder, Samples, normalizeOptions ?? new NormalizeOptions { Stores = StateStoreKind.InMemory }, Clock);
        }

        if (window)
        {
            WindowMetrics.Build(builder, Samples, windows, windowOptions ?? new MetricWindowOptions { Stores = StateStoreKind.InMemory }, Clock);
        }

        Driver = new TopologyTestDriver(builder.Build(), new StreamConfig<StringSerDes, StringSerDes>
        {
            ApplicationId = "metrics-test",
            StateDir = stateDir,
        });
        if (normalize)
        {
            RawBytes = Driver.CreateInputTopic(TopicCatalogue.MetricsRaw.Name, new StringSerDes(), new ByteArraySerDes());
            DeadLetter = Driver.CreateOutputTopic(TopicCatalogue.DeadLetter.Name, TimeSpan.FromMilliseconds(50), new StringSerDes(), new ByteArraySerDes());
            Clean = Driver.CreateOutputTopic(TopicCatalogue.MetricsClean.Name, TimeSpan.FromMilliseconds(50), new StringSerDes(), Samples);
        }

        if (window)
        {
            CleanInput = Driver.CreateInputTopic(TopicCatalogue.MetricsClean.Name, new StringSerDes(), Samples);
            Windows = Driver.CreateOutputTopic(TopicCatalogue.MetricsWindows.Name, TimeSpan.FromMilliseconds(50), new StringSerDes(), windows);
        }
    }

    public ManualClock Clock { get; } = new(new DateTimeOffset(T0.AddHours(1)));

    public SchemaAvroSerDes<MetricSample> Samples { get; }

    public TopologyTestDriver Driver { get; }

    public TestInputTopic<string, byte[]> RawBytes { get => field ?? throw new InvalidOperationException("RawBytes: that stage is not in this harness."); private init; }

    public TestInputTopic<string, MetricSample>? CleanInput { get; }

    public TestOutputTopic<string, byte[]> DeadLetter { get => field ?? throw new InvalidOperationException("DeadLetter: that stage is not in this harness."); private init; }

    public TestOutputTopic<string, MetricSample> Clean { get => field ?? throw new InvalidOperationException("Clean: that stage is not in this harness."); private init; }

    public TestOutputTopic<string, MetricWindow> Windows { get => field ?? throw new InvalidOperationException("Windows: that stage is not in this harness."); private init; }

    public static MetricSample Sample(string metric, double value, TimeSpan at, string unit = "", MetricKind kind = MetricKind.GAUGE, string host = "web-01", int intervalMs = 10_000) => new()
    {
        host = host,
        metric = metric,
        value = value,
        unit = unit,
        kind = kind,
        timestamp = T0 + at,
        tags = new Dictionary<string, string>(),
        source = MetricSource.AGENT,
        intervalMs = intervalMs,
    };

    public byte[] Bytes(MetricSample sample) =>
        Samples.Serialize(sample, new SerializationContext(MessageComponentType.Value, TopicCatalogue.MetricsRaw.Name));

    public void PipeRaw(params MetricSample[] samples)
    {
        foreach (var sample in samples)
        {
            RawBytes.PipeInput(sample.host, Bytes(sample));
        }
    }

    /// <summary>The SYNC driver does not feed one sub-topology's sink into another's source: this does, for metrics.clean.</summary>
    public void ForwardCleanToWindows() => PipeClean([.. ReadClean()]);

    public void PipeClean(params MetricSample[] samples)
    {
        foreach (var sample in samples)
        {
            sample.normalised = true;
            CleanInput!.PipeInput(sample.host, sample);
        }
    }

    public List<MetricSample> ReadClean() => Clean.ReadValueList().ToList();

    public List<MetricWindow> ReadWindows() => Windows.ReadValueList().ToList();

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
