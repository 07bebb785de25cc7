using io.streams.avro;

namespace Streams.Collectors.Agent.Sampling;

/// <summary>
/// Turns one value into a <see cref="MetricSample"/> and hands it to the writer. One sample
/// instance is reused and the tag map of each series is built once, so a tick allocates
/// nothing per value.
/// </summary>
internal sealed class SampleEmitter
{
    private readonly IMetricWriter _writer;
    private readonly IReadOnlyDictionary<string, string> _hostTags;
    private readonly Dictionary<string, string> _plainTags;
    private readonly Dictionary<(string Key, string Value), Dictionary<string, string>> _seriesTags = [];
    private readonly MetricSample _sample;

    public SampleEmitter(string host, IReadOnlyDictionary<string, string> hostTags, int intervalMs, IMetricWriter writer)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(host);
        ArgumentNullException.ThrowIfNull(hostTags);
        ArgumentNullException.ThrowIfNull(writer);
        _writer = writer;
        _hostTags = hostTags;
        _plainTags = new Dictionary<string, string>(hostTags, StringComparer.Ordinal);
        _sample = new MetricSample { host = host, source = MetricSource.AGENT, intervalMs = intervalMs, tags = _plainTags };
    }

    public DateTime Timestamp { get; set; }

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

        _sample.metric = metric;
        _sample.unit = unit;
        _sample.kind = kind;
        _sample.value = value;
        _sample.timestamp = Timestamp;
        _sample.tags = tagKey is null || tagValue is null ? _plainTags : SeriesTags(tagKey, tagValue);
        _writer.Write(_sample);
    }

    private Dictionary<string, string> SeriesTags(string key, string value)
    {
        if (!_seriesTags.TryGetValue((key, value), out var tags))
        {
            tags = new Dictionary<string, string>(_hostTags, StringComparer.Ordinal) { [key] = value };
            _seriesTags[(key, value)] = tags;
        }

        return tags;
    }
}
