using Confluent.Kafka;
using io.streams.avro;
using Streamiz.Kafka.Net;
using Streamiz.Kafka.Net.Mock;
using Streamiz.Kafka.Net.SerDes;
using Streams.Alerting.Lifecycle;
using Streams.Alerting.Rules;
using Streams.Alerting.Silences;
using Streams.Schemas.Topics;
using Streams.Topology.Alerting;
using Streams.Topology.Serdes;
using Streams.Topology.State;
using Streams.Topology.Tests.Metrics;
using Streams.Topology.Tests.Serdes;

namespace Streams.Topology.Tests.Alerting;

/// <summary>EvaluateAlerts in a TopologyTestDriver over rules the test chooses, with a manual wall clock that the punctuation also reads.</summary>
internal sealed class AlertingHarness : IDisposable
{
    public static readonly DateTime T0 = new(2026, 11, 30, 10, 0, 0, DateTimeKind.Utc);

    private readonly InMemorySchemaRegistryClient registry = new();
    private readonly string stateDir = Path.Combine(Path.GetTempPath(), "streams-alerting-" + Guid.NewGuid().ToString("N"));
    private readonly SchemaAvroSerDes<MetricWindow> windows;
    private readonly SchemaAvroSerDes<Anomaly> anomalies;
    private readonly SchemaAvroSerDes<Forecast> forecasts;

    public AlertingHarness(params AlertRule[] rules)
    {
        Rules = new RuleBook(rules);
        windows = new SchemaAvroSerDes<MetricWindow>(registry);
        anomalies = new SchemaAvroSerDes<Anomaly>(registry);
        forecasts = new SchemaAvroSerDes<Forecast>(registry);
        var builder = new StreamBuilder();
        EvaluateAlerts.Build(
            builder, windows, anomalies, new SchemaAvroSerDes<LogWindow>(registry), new SchemaAvroSerDes<Alert>(registry),
            new AlertLifecycle(new AlertingOptions(), Rules, Silences, new AcknowledgementBook()), StateStoreKind.InMemory, Clock, forecasts);
        Driver = new TopologyTestDriver(builder.Build(), new StreamConfig<StringSerDes, StringSerDes> { ApplicationId = "alerting-test", StateDir = stateDir });
        WindowsIn = Driver.CreateInputTopic(TopicCatalogue.MetricsWindows.Name, new StringSerDes(), new ByteArraySerDes());
        AnomaliesIn = Driver.CreateInputTopic(TopicCatalogue.Anomalies.Name, new StringSerDes(), new ByteArraySerDes());
        ForecastsIn = Driver.CreateInputTopic(TopicCatalogue.Forecasts.Name, new StringSerDes(), new ByteArraySerDes());
        Alerts = Driver.CreateOutputTopic(TopicCatalogue.Alerts.Name, TimeSpan.FromMilliseconds(50), new StringSerDes(), new SchemaAvroSerDes<Alert>(registry));
        DeadLetter = Driver.CreateOutputTopic(TopicCatalogue.DeadLetter.Name, TimeSpan.FromMilliseconds(50), new StringSerDes(), new ByteArraySerDes());
    }

    public ManualClock Clock { get; } = new(new DateTimeOffset(T0));

    public RuleBook Rules { get; }

    public SilenceBook Silences { get; } = new();

    public TopologyTestDriver Driver { get; }

    public TestInputTopic<string, byte[]> WindowsIn { get; }

    public TestInputTopic<string, byte[]> AnomaliesIn { get; }

    public TestInputTopic<string, byte[]> ForecastsIn { get; }

    public TestOutputTopic<string, Alert> Alerts { get; }

    public TestOutputTopic<string, byte[]> DeadLetter { get; }

    /// <summary>Puts a forecast record on the forecasts topic as the forecaster role would.</summary>
    public void Forecast(Forecast forecast) =>
        ForecastsIn.PipeInput(forecast.host, forecasts.Serialize(forecast, new SerializationContext(MessageComponentType.Value, TopicCatalogue.Forecasts.Name)));

    /// <summary>A forecast of the host's root filesystem that is full <paramref name="hoursLeft"/> from now (null: not within the horizon).</summary>
    public void Forecast(string host, double? hoursLeft)
    {
        var now = Clock.GetUtcNow().UtcDateTime;
        DateTime? At(double shift) => hoursLeft is { } h ? now.AddHours(h + shift) : null;
        ForecastsIn.PipeInput(host, forecasts.Serialize(
            new Forecast
            {
                host = host, series = "fs.used.percent{mount=/}", metric = "fs.used.percent", generatedAt = now, origin = now, lastValue = 0.9, stepMs = 3_600_000,
                coverage = 0.95, limit = 1, direction = ExhaustionDirection.RISING, model = ForecastModel.LINEAR,
                exhaustionExpected = At(0), exhaustionEarliest = At(-2), exhaustionLatest = At(2), points = [],
            },
            new SerializationContext(MessageComponentType.Value, TopicCatalogue.Forecasts.Name)));
    }

    public void Window(string host, double cpu) => Window(host, "cpu.util", "cpu.util", cpu);

    /// <summary>A 10-second window of one series of the host ending now, every statistic at <paramref name="value"/>.</summary>
    public void Window(string host, string series, string metric, double value) =>
        WindowsIn.PipeInput(host, windows.Serialize(
            new MetricWindow
            {
                host = host,
                window = new TimeWindow { start = Clock.GetUtcNow().UtcDateTime.AddSeconds(-10), end = Clock.GetUtcNow().UtcDateTime },
                windowSizeMs = 10_000,
                series = [new SeriesStats { series = series, metric = metric, unit = "ratio", count = 10, min = value, max = value, mean = value, last = value, p95 = value }],
                featureNames = [],
                features = [],
                present = [],
            },
            new SerializationContext(MessageComponentType.Value, TopicCatalogue.MetricsWindows.Name)));

    public void Anomaly(string host, Severity severity, int consecutive, Headers? headers = null) =>
        AnomaliesIn.PipeInput(host, anomalies.Serialize(
            new Anomaly
            {
                id = "anomaly-" + consecutive,
                host = host,
                window = new TimeWindow { start = Clock.GetUtcNow().UtcDateTime.AddSeconds(-10), end = Clock.GetUtcNow().UtcDateTime },
                score = 4,
                threshold = 1,
                severity = severity,
                model = "ensemble",
                consecutiveWindows = consecutive,
                contributions = [new Contribution { series = "disk.util", share = 0.8 }],
                tags = new Dictionary<string, string> { ["role"] = "db" },
                detectedAt = Clock.GetUtcNow().UtcDateTime,
            },
            new SerializationContext(MessageComponentType.Value, TopicCatalogue.Anomalies.Name)),
            headers ?? []);

    /// <summary>Moves the wall clock the lifecycle reads and lets the punctuation run.</summary>
    public void Advance(TimeSpan by)
    {
        Clock.Now += by;
        Driver.AdvanceWallClockTime(by);
    }

    public List<Alert> Read() => [.. Alerts.ReadKeyValueList().Select(kv => kv.Message.Value)];

    public List<Confluent.Kafka.Message<string, Alert>> ReadMessages() => [.. Alerts.ReadKeyValueList().Select(kv => kv.Message)];

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
