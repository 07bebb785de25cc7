using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using io.streams.avro;
using Streamiz.Kafka.Net.Processors.Public;
using Streamiz.Kafka.Net.State;
using Streams.Schemas.Metrics;

namespace Streams.Topology.Metrics.Window;

/// <summary>
/// Event-time tumbling windows with a grace period, emitted once when they close (Kafka Streams'
/// suppress-until-window-closes). Unlike Kafka Streams, time is kept per host, not per
/// partition: hosts sharing a partition have clocks seconds or minutes apart, and one host's
/// clock must not close (and drop the samples of) another host's windows. A host that falls
/// silent has its open windows closed by a wall-clock punctuation after a timeout. A host's
/// batch is placed with one read and one write of its host state, and closes windows once.
/// </summary>
[SuppressMessage("Performance", "CA1812", Justification = "Streamiz creates one per task with Activator.")]
internal sealed class WindowTransformer : ITransformer<string, MetricBatch, string, IReadOnlyList<MetricWindow>>
{
    private static readonly TimeSpan SilenceCheckInterval = TimeSpan.FromSeconds(1);

    // Separates host, window start and series in a store key; not a character of any name.
    private const char KeySeparator = '\u001f';

    private readonly long sizeMs;
    private readonly long graceMs;
    private readonly long silentMs;
    private readonly string windowStoreName = "";
    private readonly string hostStoreName = "";
    private readonly TimeProvider time = TimeProvider.System;

    // In-memory indexes over the stores, rebuilt from them after a restore.
    // Open windows per host: start → series with points in the window.
    private readonly Dictionary<string, SortedDictionary<long, HashSet<string>>> open = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> lastArrival = new(StringComparer.Ordinal);
    private ProcessorContext<string, IReadOnlyList<MetricWindow>>? context;
    private IKeyValueStore<string, SeriesPoints>? windows;
    private IKeyValueStore<string, HostWindowState>? hosts;
    private bool loaded;

    /// <summary>The prototype Streamiz' TransformerBuilder creates; each task gets an instance from the other constructor.</summary>
    public WindowTransformer()
    {
    }

    public WindowTransformer(MetricWindowSettings settings, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(settings);
        sizeMs = settings.SizeMs;
        graceMs = settings.GraceMs;
        silentMs = settings.SilentHostMs;
        windowStoreName = settings.WindowStore;
        hostStoreName = settings.HostStore;
        this.time = time;
    }

    public void Init(ProcessorContext<string, IReadOnlyList<MetricWindow>> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        this.context = context;
        windows = (IKeyValueStore<string, SeriesPoints>)context.GetStateStore(windowStoreName);
        hosts = (IKeyValueStore<string, HostWindowState>)context.GetStateStore(hostStoreName);
        context.Schedule(SilenceCheckInterval, PunctuationType.PROCESSING_TIME, _ => CloseSilentHosts());
    }

    public Record<string, IReadOnlyList<MetricWindow>> Process(Record<string, MetricBatch> record)
    {
        ArgumentNullException.ThrowIfNull(record);
        LoadOnce();
        var batch = record.Value;
        var host = batch.host;
        var state = Hosts.Get(host) ?? new HostWindowState([], long.MinValue, long.MinValue);
        lastArrival[host] = Now();
        foreach (var point in batch.points)
        {
            state = Add(host, state, batch, point);
        }

        var closed = Close(host, ref state, state.EventTime - graceMs);
        Hosts.Put(host, state);
        return Record<string, IReadOnlyList<MetricWindow>>.Create(record.Key, closed);
    }

    public void Close()
    {
    }

    private HostWindowState Add(string host, HostWindowState state, MetricBatch batch, MetricPoint point)
    {
        var timestamp = EpochMs.Of(point.timestamp ?? batch.timestamp);
        var start = timestamp - (((timestamp % sizeMs) + sizeMs) % sizeMs);
        var end = start + sizeMs;
        if (end <= state.ClosedUpTo || (state.EventTime != long.MinValue && end + graceMs <= state.EventTime))
        {
            // The window was emitted, or the host's own clock is past its grace: too late.
            return state;
        }

        // One store entry per host, window and series: an update rewrites one series' points, not the whole host's window.
        var series = SeriesId.Of(point.metric, MetricBatches.SeriesTags(batch, point));
        var key = Key(host, start, series);
        var points = Windows.Get(key) ?? new SeriesPoints(point.metric, point.unit);
        var kind = point.gap ? PointKind.Gap : point.forwardFilled ? PointKind.ForwardFilled : PointKind.Measured;
        if (points.Add(timestamp, point.value, kind, point.unit, late: state.EventTime >= end))
        {
            Windows.Put(key, points);
            SeriesIn(host, start).Add(series);
            state = WithSeries(state, series);
        }

        return state with { EventTime = Math.Max(state.EventTime, timestamp) };
    }

    private void CloseSilentHosts()
    {
        LoadOnce();
        var now = Now();
        foreach (var host in open.Where(h => h.Value.Count > 0).Select(h => h.Key).ToList())
        {
            if (now - lastArrival.GetValueOrDefault(host, now) < silentMs)
            {
                continue;
            }

            var state = Hosts.Get(host) ?? new HostWindowState([], long.MinValue, long.MinValue);
            var closed = Close(host, ref state, long.MaxValue);
            Hosts.Put(host, state);
            Context.Forward(host, closed);
        }
    }

    private List<MetricWindow> Close(string host, ref HostWindowState state, long closeTime)
    {
        var closed = new List<MetricWindow>();
        if (!open.TryGetValue(host, out var windowsOfHost))
        {
            return closed;
        }

        while (windowsOfHost.Count > 0 && windowsOfHost.First().Key + sizeMs <= closeTime)
        {
            var (start, seriesIds) = windowsOfHost.First();
            windowsOfHost.Remove(start);
            var window = new WindowAccumulator(host, start);
            foreach (var series in seriesIds)
            {
                var key = Key(host, start, series);
                if (Windows.Get(key) is { } points)
                {
                    window.Series[series] = points;
                    Windows.Delete(key);
                }
            }

            closed.Add(window.ToMetricWindow(sizeMs, state.Layout, Now()));
            state = state with { ClosedUpTo = Math.Max(state.ClosedUpTo, start + sizeMs) };
        }

        return closed;
    }

    private static HostWindowState WithSeries(HostWindowState state, string series) =>
        state.Layout.Contains(series) ? state : state with { Layout = [.. state.Layout, series] };

    private HashSet<string> SeriesIn(string host, long start)
    {
        if (!open.TryGetValue(host, out var windowsOfHost))
        {
            windowsOfHost = [];
            open[host] = windowsOfHost;
        }

        if (!windowsOfHost.TryGetValue(start, out var series))
        {
            series = new HashSet<string>(StringComparer.Ordinal);
            windowsOfHost[start] = series;
        }

        return series;
    }

    private void LoadOnce()
    {
        if (loaded)
        {
            return;
        }

        // After a restart the stores come back from their changelogs. Open windows are re-indexed;
        // their hosts get a full silence timeout from now.
        var now = Now();
        foreach (var entry in Windows.All())
        {
            var parts = entry.Key.Split(KeySeparator, 3);
            SeriesIn(parts[0], long.Parse(parts[1], CultureInfo.InvariantCulture)).Add(parts[2]);
            lastArrival[parts[0]] = now;
        }

        loaded = true;
    }

    private long Now() => time.GetUtcNow().ToUnixTimeMilliseconds();

    private static string Key(string host, long start, string series) =>
        string.Concat(host, KeySeparator.ToString(), start.ToString("D15", CultureInfo.InvariantCulture), KeySeparator.ToString(), series);

    private ProcessorContext<string, IReadOnlyList<MetricWindow>> Context => context ?? throw NotReady();

    private IKeyValueStore<string, SeriesPoints> Windows => windows ?? throw NotReady();

    private IKeyValueStore<string, HostWindowState> Hosts => hosts ?? throw NotReady();

    private static InvalidOperationException NotReady() =>
        new("WindowTransformer: the prototype instance processed a record, or Init was not called.");
}
