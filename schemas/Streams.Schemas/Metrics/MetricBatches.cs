using io.streams.avro;

namespace Streams.Schemas.Metrics;

/// <summary>
/// The one mapping between the per-sample and the batched metric contracts, so every stage that
/// meets both (normalize, the sink's generic path, tests) sees the same series: a point's tags
/// are the batch's host tags overlaid with the point's own, its time the point's or else the batch's.
/// </summary>
public static class MetricBatches
{
    /// <summary>A per-sample record as a one-point batch: how a third-party producer's <c>MetricSample</c> on <c>metrics.raw</c> enters normalize.</summary>
    public static MetricBatch FromSample(MetricSample sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        return new MetricBatch
        {
            host = sample.host,
            timestamp = sample.timestamp,
            source = sample.source,
            intervalMs = sample.intervalMs,
            tags = new Dictionary<string, string>(),
            normalised = sample.normalised,
            points =
            [
                new MetricPoint
                {
                    metric = sample.metric,
                    value = sample.value,
                    rawValue = sample.rawValue,
                    unit = sample.unit,
                    kind = sample.kind,
                    tags = sample.tags ?? new Dictionary<string, string>(),
                    gap = sample.gap,
                    forwardFilled = sample.forwardFilled,
                },
            ],
        };
    }

    /// <summary>One point of a batch as the <c>MetricSample</c> of its series.</summary>
    public static MetricSample ToSample(MetricBatch batch, MetricPoint point)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(point);
        return new MetricSample
        {
            host = batch.host,
            metric = point.metric,
            value = point.value,
            rawValue = point.rawValue,
            unit = point.unit,
            kind = point.kind,
            timestamp = point.timestamp ?? batch.timestamp,
            tags = SeriesTags(batch, point),
            source = batch.source,
            intervalMs = batch.intervalMs,
            gap = point.gap,
            forwardFilled = point.forwardFilled,
            normalised = batch.normalised,
        };
    }

    /// <summary>Every point of a batch as a <c>MetricSample</c>, in order.</summary>
    public static IEnumerable<MetricSample> ToSamples(MetricBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return batch.points.Select(p => ToSample(batch, p));
    }

    /// <summary>
    /// The tags of a point's series: the host tags overlaid with the point's. Returns the point's
    /// own dictionary when the batch has no host tags, so the common case allocates nothing.
    /// </summary>
    public static IDictionary<string, string> SeriesTags(MetricBatch batch, MetricPoint point)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(point);
        if (batch.tags is null || batch.tags.Count == 0)
        {
            return point.tags;
        }

        if (point.tags is null || point.tags.Count == 0)
        {
            return batch.tags;
        }

        var merged = new Dictionary<string, string>(batch.tags, StringComparer.Ordinal);
        foreach (var (key, value) in point.tags)
        {
            merged[key] = value;
        }

        return merged;
    }
}
