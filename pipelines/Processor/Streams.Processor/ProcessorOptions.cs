using Streams.Platform.Kafka.Streamiz;
using Streams.Platform.Security;
using Streams.Topology.Logs.Templates;
using Streams.Topology.Logs.Window;
using Streams.Topology.Metrics.Normalize;
using Streams.Topology.Metrics.Window;
using Streams.Topology.State;

namespace Streams.Processor;

/// <summary>The <c>Processor</c> configuration section.</summary>
public sealed class ProcessorOptions : StreamizRoleOptions
{
    /// <summary>Streamiz' application id is also the consumer group, whose lag `streams status` shows.</summary>
    public const string DefaultApplicationId = "streams-processor";

    public const string SectionName = "Processor";

    public override string ApplicationId { get; set; } = DefaultApplicationId;

    public override string StateDir { get; set; } = StreamsDataDirectory.DefaultPath("Processor:StateDir");

    /// <summary>Tumbling window sizes; empty means 10 s and 1 min.</summary>
    public TimeSpan[] WindowSizes { get; set; } = [];

    public TimeSpan WindowGrace { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>A host silent this long (wall clock) has its open windows emitted.</summary>
    public TimeSpan SilentHostTimeout { get; set; } = TimeSpan.FromSeconds(30);

    public StateStoreKind Stores { get; set; } = StateStoreKind.RocksDb;

    /// <summary>Validation, gap and statistics settings of NormalizeMetrics (<c>Processor:Normalize</c>).</summary>
    public NormalizeOptions Normalize { get; set; } = new();

    /// <summary>Drain settings of MineLogTemplates (<c>Processor:LogTemplates</c>).</summary>
    public LogTemplateOptions LogTemplates { get; set; } = new();

    /// <summary>Window size and grace of WindowLogs (<c>Processor:LogWindows</c>).</summary>
    public LogWindowOptions LogWindows { get; set; } = new();

    internal NormalizeOptions NormalizeSettings()
    {
        Normalize.Stores = Stores;
        return Normalize;
    }

    internal MetricWindowOptions WindowSettings()
    {
        var settings = new MetricWindowOptions { Grace = WindowGrace, SilentHostTimeout = SilentHostTimeout, Stores = Stores };
        if (WindowSizes.Length > 0)
        {
            settings.Sizes = WindowSizes;
        }

        return settings;
    }

    internal LogTemplateOptions LogTemplateSettings()
    {
        LogTemplates.Stores = Stores;
        return LogTemplates;
    }

    internal LogWindowOptions LogWindowSettings()
    {
        LogWindows.Stores = Stores;
        return LogWindows;
    }
}
