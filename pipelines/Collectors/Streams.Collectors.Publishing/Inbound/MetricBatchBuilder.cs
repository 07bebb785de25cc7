using io.streams.avro;

namespace Streams.Collectors.Publishing.Inbound;

/// <summary>
/// Gathers the samples of one request (a scrape, a remote-write request, a Zabbix sender request,
/// an NRDP submission) into one <see cref="MetricBatch"/> per host and timestamp, in the order the
/// hosts first appear, and hands them to a sink. Samples of one batch also share source and
/// interval. A point keeps its sample's tags whole and the batch has no host tags, so each series
/// is exactly the one its per-sample record would have been.
/// </summary>
public sealed class MetricBatchBuilder
{
    private readonly Dictionary<(string Host, long Ticks, MetricSource Source, int IntervalMs), MetricBatch> _batches = [];
    private readonly List<MetricBatch> _order = [];

    /// <summary>Points added since the last <see cref="PublishTo"/>.</summary>
    public int Points { get; private set; }

    public void Add(MetricSample sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        var key = (sample.host, sample.timestamp.Ticks, sample.source, sample.intervalMs);
        if (!_batches.TryGetValue(key, out var batch))
        {
            batch = new MetricBatch
            {
                host = sample.host,
                timestamp = sample.timestamp,
                source = sample.source,
                intervalMs = sample.intervalMs,
                tags = new Dictionary<string, string>(StringComparer.Ordinal),
                points = [],
            };
            _batches.Add(key, batch);
            _order.Add(batch);
        }

        batch.points.Add(new MetricPoint
        {
            metric = sample.metric,
            value = sample.value,
            rawValue = sample.rawValue,
            unit = sample.unit,
            kind = sample.kind,
            tags = sample.tags ?? new Dictionary<string, string>(StringComparer.Ordinal),
        });
        Points++;
    }

    /// <summary>Publishes every batch gathered and starts over.</summary>
    /// <returns>The number of batches published.</returns>
    public int PublishTo(IInboundSink sink)
    {
        ArgumentNullException.ThrowIfNull(sink);
        var published = _order.Count;
        foreach (var batch in _order)
        {
            sink.Publish(batch);
        }

        _batches.Clear();
        _order.Clear();
        Points = 0;
        return published;
    }
}
