using Confluent.Kafka;
using io.streams.avro;
using Streamiz.Kafka.Net;
using Streamiz.Kafka.Net.Mock;
using Streamiz.Kafka.Net.SerDes;
using Streams.Schemas.Metrics;
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
    public const string ApplicationId = "metrics-test";

    public static readonly DateTime T0 = new(2026, 11, 25, 9, 0, 0, DateTimeKind.Utc);

    private readonly string stateDir;

    /// <param name="stateDir">The stream config's state directory, for stores seeded before the driver opens them; a new temporary one when null. Deleted on dispose either way.</param>
    public MetricsHarness(bool normalize = true, bool window = true, NormalizeOptions? normalizeOptions = null, MetricWindowOptions? windowOptions = null, string? stateDir = null)
    {
        this.stateDir = stateDir ?? NewStateDir();
        Samples = new SchemaAvroSerDes<MetricSample>(Registry);
        Batches = new MetricBatchSerDes(Registry);
        var windows = new SchemaAvroSerDes<MetricWindow>(Registry);
        var builder = new StreamBuilder();
        if (normalize)
        {
            NormalizeMetrics.Build(builder, Batches, Samples, normalizeOptions ?? new NormalizeOptions { Stores = StateStoreKind.InMemory }, Clock);
        }

        if (window)
        {
            WindowMetrics.Build(builder, Batches, windows, windowOptions ?? new MetricWindowOptions { Stores = StateStoreKind.InMemory }, Clock);
        }

        Driver = new TopologyTestDriver(builder.Build(), new StreamConfig<StringSerDes, StringSerDes>
        {
            ApplicationId = ApplicationId,
            StateDir = this.stateDir,
        });
        if (normalize)
        {
            RawBytes = Driver.CreateInputTopic(TopicCatalogue.MetricsRaw.Name, new StringSerDes(), new ByteArraySerDes());
            DeadLetter = Driver.CreateOutputTopic(TopicCatalogue.DeadLetter.Name, TimeSpan.FromMilliseconds(50), new StringSerDes(), new ByteArraySerDes());
            Clean = Driver.CreateOutputTopic(TopicCatalogue.MetricsClean.Name, TimeSpan.FromMilliseconds(50), new StringSerDes(), Batches);
        }

        if (window)
        {
            CleanInput = Driver.CreateInputTopic(TopicCatalogue.MetricsClean.Name, new StringSerDes(), Batches);
            Windows = Driver.CreateOutputTopic(TopicCatalogue.MetricsWindows.Name, TimeSpan.FromMilliseconds(50), new StringSerDes(), windows);
        }
    }

    public InMemorySchemaRegistryClient Registry { get; } = new();

    public ManualClock Clock { get; } = new(new DateTimeOffset(T0.AddHours(1)));

    public SchemaAvroSerDes<MetricSample> Samples { get; }

    public MetricBatchSerDes Batches { get; }

    public TopologyTestDriver Driver { get; }

    public TestInputTopic<string, byte[]> RawBytes { get => field ?? throw new InvalidOperationException("RawBytes: that stage is not in this harness."); private init; }

    public TestInputTopic<string, MetricBatch>? CleanInput { get; }

    public TestOutputTopic<string, byte[]> DeadLetter { get => field ?? throw new InvalidOperationException("DeadLetter: that stage is not in this harness."); private init; }

    public TestOutputTopic<string, MetricBatch> Clean { get => field ?? throw new InvalidOperationException("Clean: that stage is not in this harness."); private init; }

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

    /// <summary>A batch of <paramref name="host"/> at <paramref name="at"/>, the way our collectors publish a pass.</summary>
    public static MetricBatch Batch(TimeSpan at, string host = "web-01", int intervalMs = 10_000, params MetricPoint[] points) => new()
    {
        host = host,
        timestamp = T0 + at,
        source = MetricSource.AGENT,
        intervalMs = intervalMs,
        tags = new Dictionary<string, string>(),
        points = [.. points],
    };

    public static MetricPoint Point(string metric, double value, string unit = "", MetricKind kind = MetricKind.GAUGE, IDictionary<string, string>? tags = null) => new()
    {
        metric = metric,
        value = value,
        unit = unit,
        kind = kind,
        tags = tags ?? new Dictionary<string, string>(),
    };

    /// <summary>A per-sample record, as a third-party producer writes it.</summary>
    public byte[] Bytes(MetricSample sample) =>
        Samples.Serialize(sample, new SerializationContext(MessageComponentType.Value, TopicCatalogue.MetricsRaw.Name));

    public byte[] Bytes(MetricBatch batch) =>
        Batches.Serialize(batch, new SerializationContext(MessageComponentType.Value, TopicCatalogue.MetricsRaw.Name));

    /// <summary>Each sample as its own per-sample record on metrics.raw.</summary>
    public void PipeRaw(params MetricSample[] samples)
    {
        foreach (var sample in samples)
        {
            RawBytes.PipeInput(sample.host, Bytes(sample));
        }
    }

    public void PipeRaw(params MetricBatch[] batches)
    {
        foreach (var batch in batches)
        {
            RawBytes.PipeInput(batch.host, Bytes(batch));
        }
    }

    /// <summary>The SYNC driver does not feed one sub-topology's sink into another's source: this does, for metrics.clean.</summary>
    public void ForwardCleanToWindows() => PipeClean([.. ReadCleanBatches()]);

    /// <summary>Each sample as a one-point clean batch.</summary>
    public void PipeClean(params MetricSample[] samples) => PipeClean([.. samples.Select(MetricBatches.FromSample)]);

    public void PipeClean(params MetricBatch[] batches)
    {
        foreach (var batch in batches)
        {
            batch.normalised = true;
            CleanInput!.PipeInput(batch.host, batch);
        }
    }

    /// <summary>The clean batches' points as the samples of their series, in order.</summary>
    public List<MetricSample> ReadClean() => [.. ReadCleanBatches().SelectMany(MetricBatches.ToSamples)];

    public List<MetricBatch> ReadCleanBatches() => [.. Clean.ReadValueList()];

    public List<MetricWindow> ReadWindows() => Windows.ReadValueList().ToList();

    public static string NewStateDir() => Path.Combine(Path.GetTempPath(), "streams-topology-" + Guid.NewGuid().ToString("N"));

    /// <summary>
    /// The records of a store's changelog topic so far, in order (a null value deletes its key):
    /// what a restarted instance, or the next owner of the partition, restores the store from.
    /// </summary>
    public List<KeyValuePair<string, byte[]?>> Changelog(string store) =>
        [.. Driver.CreateOutputTopic(ApplicationId + "-" + store + "-changelog", TimeSpan.FromMilliseconds(50), new StringSerDes(), new ByteArraySerDes())
            .ReadKeyValueList()
            .Select(r => KeyValuePair.Create(r.Message.Key, (byte[]?)r.Message.Value))];

    public void Dispose()
    {
        Driver.Dispose();
        Registry.Dispose();
        if (Directory.Exists(stateDir))
        {
            Directory.Delete(stateDir, recursive: true);
        }
    }
}
