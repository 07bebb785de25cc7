using io.streams.avro;
using Streamiz.Kafka.Net;
using Streamiz.Kafka.Net.Processors.Public;
using Streamiz.Kafka.Net.SerDes;
using Streamiz.Kafka.Net.Stream;
using Streams.Schemas.Topics;
using Streams.Topology.Metrics;
using Streams.Topology.State;

namespace Streams.Topology.Logs.Window;

/// <summary>
/// <c>logs.clean</c> → <c>logs.windows</c>: per host, application and tumbling event-time window,
/// lines by severity, parse errors and lines per template (new templates flagged, from
/// MineLogTemplates' <c>structuredData</c> entries), emitted once after the window's grace
/// period. Lines later than that are counted in <c>droppedLateRecords</c> of the application's
/// next window, never silently lost.
/// </summary>
public static class WindowLogs
{
    /// <summary>The open-window store: one entry per host, application and window.</summary>
    public const string WindowStoreName = "log-windows";

    /// <summary>The per-host store: event time, emitted-up-to, open windows and too-late counts.</summary>
    public const string HostStoreName = "log-window-hosts";

    /// <summary>The name of the windowing processor.</summary>
    public const string StageName = "window-logs";

    /// <summary>Adds the log windowing stage to <paramref name="builder"/>.</summary>
    /// <param name="builder">The stream builder of the processor's topology.</param>
    /// <param name="logs">SerDes of LogRecord on logs.clean.</param>
    /// <param name="windows">SerDes of LogWindow on logs.windows.</param>
    /// <param name="options">Window size, grace, silence timeout and store kind.</param>
    /// <param name="time">Wall clock for <c>emittedAt</c> and the silence timeout; <see cref="TimeProvider.System"/> when null.</param>
    public static void Build(StreamBuilder builder, ISerDes<LogRecord> logs, ISerDes<LogWindow> windows, LogWindowOptions options, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(logs);
        ArgumentNullException.ThrowIfNull(windows);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();

        var transformer = TransformerBuilder.New<string, LogRecord, string, IReadOnlyList<LogWindow>>()
            .Transformer<WindowLogsTransformer>(options, time ?? TimeProvider.System)
            .StateStore(StateStoreFactory.KeyValue(WindowStoreName, options.Stores, new LogWindowCountsSerDes()))
            .Build();
        builder.AddStateStore(StateStoreFactory.KeyValue(HostStoreName, options.Stores, new LogHostStateSerDes()));

        // The record time of a window is its end: the event time at which it became complete.
        builder.Stream(TopicCatalogue.LogsClean.Name, new StringSerDes(), logs)
            .Transform(transformer, StageName, HostStoreName)
            .FlatMap((_, closed, _) => closed.Select(w => KeyValuePair.Create(w.host, w)))
            .To((_, _, _) => TopicCatalogue.LogsWindows.Name, new StringSerDes(), windows, (_, w, _) => EpochMs.Of(w.window.end));
    }
}
