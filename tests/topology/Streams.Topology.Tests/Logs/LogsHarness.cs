using Confluent.Kafka;
using io.streams.avro;
using Streamiz.Kafka.Net;
using Streamiz.Kafka.Net.Mock;
using Streamiz.Kafka.Net.SerDes;
using Streams.Schemas.Topics;
using Streams.Topology.Logs.Templates;
using Streams.Topology.Logs.Window;
using Streams.Topology.Serdes;
using Streams.Topology.State;
using Streams.Topology.Tests.Metrics;
using Streams.Topology.Tests.Serdes;

namespace Streams.Topology.Tests.Logs;

/// <summary>
/// MineLogTemplates and WindowLogs in one SYNC TopologyTestDriver, with typed access to their
/// topics; the wall clock is <see cref="Clock"/>. Store caching is off, so every store write
/// reaches its changelog topic at once, where a test can read it.
/// </summary>
internal sealed class LogsHarness : IDisposable
{
    public static readonly DateTime T0 = new(2026, 11, 25, 9, 0, 0, DateTimeKind.Utc);

    private readonly InMemorySchemaRegistryClient registry = new();
    private readonly string stateDir = Path.Combine(Path.GetTempPath(), "streams-logs-" + Guid.NewGuid().ToString("N"));

    public LogsHarness(LogTemplateOptions? mining = null, LogWindowOptions? windowing = null)
    {
        Logs = new SchemaAvroSerDes<LogRecord>(registry);
        var windows = new SchemaAvroSerDes<LogWindow>(registry);
        var builder = new StreamBuilder();
        MineLogTemplates.Build(builder, Logs, mining ?? new LogTemplateOptions { Stores = StateStoreKind.InMemory });
        WindowLogs.Build(builder, Logs, windows, windowing ?? new LogWindowOptions { Stores = StateStoreKind.InMemory }, Clock);
        Driver = new TopologyTestDriver(builder.Build(), new StreamConfig<StringSerDes, StringSerDes> { ApplicationId = "logs-test", StateDir = stateDir, DefaultStateStoreCacheMaxBytes = 0 });

        var wait = TimeSpan.FromMilliseconds(50);
        Raw = Driver.CreateInputTopic(TopicCatalogue.LogsRaw.Name, new StringSerDes(), new ByteArraySerDes());
        DeadLetter = Driver.CreateOutputTopic(TopicCatalogue.DeadLetter.Name, wait, new StringSerDes(), new ByteArraySerDes());
        Clean = Driver.CreateOutputTopic(TopicCatalogue.LogsClean.Name, wait, new StringSerDes(), Logs);
        CleanInput = Driver.CreateInputTopic(TopicCatalogue.LogsClean.Name, new StringSerDes(), Logs);
        Windows = Driver.CreateOutputTopic(TopicCatalogue.LogsWindows.Name, wait, new StringSerDes(), windows);
    }

    public ManualClock Clock { get; } = new(new DateTimeOffset(T0.AddHours(1)));

    public SchemaAvroSerDes<LogRecord> Logs { get; }

    public TopologyTestDriver Driver { get; }

    public TestInputTopic<string, byte[]> Raw { get; }

    public TestOutputTopic<string, byte[]> DeadLetter { get; }

    public TestOutputTopic<string, LogRecord> Clean { get; }

    public TestInputTopic<string, LogRecord> CleanInput { get; }

    public TestOutputTopic<string, LogWindow> Windows { get; }

    public static LogRecord Line(string message, TimeSpan at, LogSeverity severity = LogSeverity.INFO, string app = "sshd", string host = "web-01") => new()
    {
        host = host,
        app = app,
        severity = severity,
        timestamp = T0 + at,
        message = message,
        source = LogSource.SYSLOG_UDP,
    };

    public byte[] Bytes(LogRecord log) =>
        Logs.Serialize(log, new SerializationContext(MessageComponentType.Value, TopicCatalogue.LogsRaw.Name));

    /// <summary>Pipes lines to logs.raw and returns what MineLogTemplates wrote to logs.clean for them.</summary>
    public List<LogRecord> Mine(params LogRecord[] lines)
    {
        foreach (var line in lines)
        {
            Raw.PipeInput(line.host, Bytes(line));
        }

        return [.. Clean.ReadValueList()];
    }

    /// <summary>Pipes lines to logs.clean (the SYNC driver does not feed one sub-topology's sink into another's source) and returns the windows emitted.</summary>
    public List<LogWindow> Window(params LogRecord[] lines)
    {
        foreach (var line in lines)
        {
            CleanInput.PipeInput(line.host, line);
        }

        return [.. Windows.ReadValueList()];
    }

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
