using System.Globalization;
using io.streams.avro;
using Streamiz.Kafka.Net;
using Streamiz.Kafka.Net.Processors.Public;
using Streamiz.Kafka.Net.SerDes;
using Streamiz.Kafka.Net.Stream;
using Streams.Schemas.Topics;
using Streams.Topology.State;

namespace Streams.Topology.Metrics.Window;

/// <summary>
/// <c>metrics.clean</c> → <c>metrics.windows</c>: per host and tumbling event-time window, the
/// statistics of every series and an aligned feature vector with a presence mask, emitted once
/// after the window's grace period; a host's clean batch is placed at once. Duplicates (same series and event time) count once.
/// </summary>
public static class WindowMetrics
{
    /// <summary>
    /// Name of the open-window store of one window size, e.g. <c>metric-windows-10s</c>: one entry per
    /// host, window start and 100 of the host's series. Earlier builds kept one entry per series under
    /// the same name; this build reads those and moves them into its own entries when it loads the store.
    /// </summary>
    public static string WindowStoreName(TimeSpan size) => "metric-windows-" + Label(size);

    /// <summary>Name of the per-host store (feature layout, event time, emitted-up-to) of one window size.</summary>
    public static string HostStoreName(TimeSpan size) => "metric-window-hosts-" + Label(size);

    /// <summary>Adds one windowing stage per configured size to <paramref name="builder"/>.</summary>
    /// <param name="builder">The stream builder of the processor's topology.</param>
    /// <param name="batches">SerDes of MetricBatch on metrics.clean.</param>
    /// <param name="windows">SerDes of MetricWindow on metrics.windows.</param>
    /// <param name="options">Window sizes, grace and store kind.</param>
    /// <param name="time">Wall clock for <c>emittedAt</c>; <see cref="TimeProvider.System"/> when null.</param>
    public static void Build(StreamBuilder builder, ISerDes<MetricBatch> batches, ISerDes<MetricWindow> windows, MetricWindowOptions options, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(batches);
        ArgumentNullException.ThrowIfNull(windows);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();

        var clean = builder.Stream(TopicCatalogue.MetricsClean.Name, new StringSerDes(), batches);
        foreach (var size in options.Sizes)
        {
            var settings = new MetricWindowSettings(
                (long)size.TotalMilliseconds, (long)options.Grace.TotalMilliseconds, (long)options.SilentHostTimeout.TotalMilliseconds, WindowStoreName(size), HostStoreName(size));
            var transformer = TransformerBuilder.New<string, MetricBatch, string, IReadOnlyList<MetricWindow>>()
                .Transformer<WindowTransformer>(settings, time ?? TimeProvider.System)
                .StateStore(StateStoreFactory.KeyValue(settings.WindowStore, options.Stores, new WindowEntrySerDes()))
                .Build();
            builder.AddStateStore(StateStoreFactory.KeyValue(settings.HostStore, options.Stores, new HostWindowStateSerDes()));

            // The record time of a window is its end: the event time at which it became complete.
            clean
                .Transform(transformer, "window-metrics-" + Label(size), settings.HostStore)
                .FlatMap((_, closed, _) => closed.Select(w => KeyValuePair.Create(w.host, w)))
                .To((_, _, _) => TopicCatalogue.MetricsWindows.Name, new StringSerDes(), windows, (_, w, _) => EpochMs.Of(w.window.end));
        }
    }

    private static string Label(TimeSpan size) =>
        size.TotalSeconds % 60 == 0
            ? (size.TotalSeconds / 60).ToString(CultureInfo.InvariantCulture) + "m"
            : size.TotalSeconds.ToString(CultureInfo.InvariantCulture) + "s";
}
