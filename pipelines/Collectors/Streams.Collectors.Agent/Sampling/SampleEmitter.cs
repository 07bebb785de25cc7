using io.streams.avro;

namespace Streams.Collectors.Agent.Sampling;

/// <summary>
/// Gathers one sampling pass into a <see cref="MetricBatch"/> (host, time, interval and host
/// tags once; a point per value) and hands it to the writer when the pass ends: one record per
/// pass instead of one per series. The batch instance is reused and the tag map of each series
/// is built once.
/// </summary>
internal sealed class SampleEmitter
{
    private static readonly Dictionary<string, string> NoTags = new(StringComparer.Ordinal);

    private readonly IMetricWriter _writer;
    private readonly Dictionary<(string Key, string Value), Dictionary<string, string>> _seriesTags = [];
    private readonly MetricBatch _batch;

    public SampleEmitter(string host, IReadOnlyDictionary<string, string> hostTags, int intervalMs, IMetricWriter writer)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(host);
        ArgumentNullException.ThrowIfNull(hostTags);
        ArgumentNullException.ThrowIfNull(writer);
        _writer = writer;
        _batch = new MetricBatch
        {
            host = host,
            source = MetricSource.AGENT,
            intervalMs = intervalMs,
            tags = new Dictionary<string, string>(hostTags, StringComparer.Ordinal),
            points = [],
        };
    }

    /// <summary>Starts a pass measured at <paramref name="timestamp"/>; values emitted before the previous pass ended are dropped.</summary>
    public void Begin(DateTime timestamp)
    {
        _batch.timestamp = timestamp;
        _batch.points.Clear();
    }

    /// <summary>Hands the pass to the writer as one batch, unless it measured nothing.</summary>
    public void End()
    {
        if (_batch.points.Count > 0)
        {
            _writer.Write(_batch);
        }

        _batch.points.Clear();
    }

    public void Gauge(string metric, string unit, double value, string? tagKey = null, string? tagValue = null) =>
        Emit(metric, unit, MetricKind.GAUGE, value, tagKey, tagValue);

    /// <summary>A per-second rate the agent computed from a counter.</summary>
    public void Rate(string metric, string unit, double value, string? tagKey = null, string? tagValue = null) =>
        Emit(metric, unit, MetricKind.RATE, value, tagKey, tagValue);

    private void Emit(string metric, string unit, MetricKind kind, double value, string? tagKey, string? tagValue)
    {
        if (!double.IsFinite(value))
        {
            return;
        }

        _batch.points.Add(new MetricPoint
        {
            metric = metric,
            unit = unit,
            kind = kind,
            value = value,
            tags = tagKey is null || tagValue is null ? NoTags : SeriesTags(tagKey, tagValue),
        });
    }

    private Dictionary<string, string> SeriesTags(string key, string value)
    {
        if (!_seriesTags.TryGetValue((key, value), out var tags))
        {
            tags = new Dictionary<string, string>(StringComparer.Ordinal) { [key] = value };
            _seriesTags[(key, value)] = tags;
        }

        return tags;
    }
}
