using io.streams.avro;
using Streams.Schemas.Topics;
using Streams.Testing;
using Streams.Topology.Serdes;

namespace Streams.Processor.Tests;

/// <summary>The shared embedded platform with processor instances of one application id and typed access to their topics.</summary>
internal sealed class ProcessorPlatform : IAsyncDisposable
{
    private readonly StreamizTestPlatform platform;

    private ProcessorPlatform(StreamizTestPlatform platform)
    {
        this.platform = platform;
        Samples = new SchemaAvroSerDes<MetricSample>(platform.RegistryClient);
        Windows = new SchemaAvroSerDes<MetricWindow>(platform.RegistryClient);
    }

    public Confluent.SchemaRegistry.CachedSchemaRegistryClient RegistryClient => platform.RegistryClient;

    public SchemaAvroSerDes<MetricSample> Samples { get; }

    public SchemaAvroSerDes<MetricWindow> Windows { get; }

    public string ApplicationId { get; } = "processor-test-" + Guid.NewGuid().ToString("N")[..8];

    public static async Task<ProcessorPlatform> StartAsync() => new(await StreamizTestPlatform.StartAsync());

    /// <summary>Starts one processor instance and waits until its stream runs.</summary>
    public async Task<RunningProcessor> StartProcessorAsync()
    {
        var log = new CapturedLog();
        var (host, _) = await platform.StartRoleAsync<ProcessorService>(
            new Dictionary<string, string?>
            {
                ["Processor:ApplicationId"] = ApplicationId,
                ["Processor:StateDir"] = platform.TempDirectory("streams-processor-"),
                ["Processor:CommitIntervalMs"] = "100",
                ["Processor:WindowSizes:0"] = "00:00:10",
                ["Processor:WindowGrace"] = "00:00:01",
                ["Processor:LogWindows:Size"] = "00:00:10",
                ["Processor:LogWindows:Grace"] = "00:00:01",
            },
            (services, configuration) => services.AddProcessor(configuration),
            log);
        return new RunningProcessor(host, log);
    }

    /// <summary>Stops an instance the way the host does on Ctrl-C: the stream closes, commits and leaves the group.</summary>
    public Task StopProcessorAsync(RunningProcessor processor)
    {
        ArgumentNullException.ThrowIfNull(processor);
        return platform.StopAsync(processor.Host);
    }

    public void Produce(IEnumerable<MetricSample> samples) =>
        platform.Produce(TopicCatalogue.MetricsRaw.Name, Samples, samples, s => s.host);

    public void Produce<T>(string topic, SchemaAvroSerDes<T> serdes, IEnumerable<T> records, Func<T, string> key)
        where T : class, Avro.Specific.ISpecificRecord, new() =>
        platform.Produce(topic, serdes, records, key);

    /// <summary>Reads metrics.windows from the start until <paramref name="done"/> holds or the time is up.</summary>
    public List<MetricWindow> ReadWindows(Func<List<MetricWindow>, bool> done, TimeSpan timeout) =>
        platform.Read(TopicCatalogue.MetricsWindows.Name, Windows, done, timeout);

    public List<T> Read<T>(string topic, SchemaAvroSerDes<T> serdes, Func<List<T>, bool> done, TimeSpan timeout)
        where T : class, Avro.Specific.ISpecificRecord, new() =>
        platform.Read(topic, serdes, done, timeout);

    public ValueTask DisposeAsync() => platform.DisposeAsync();
}
