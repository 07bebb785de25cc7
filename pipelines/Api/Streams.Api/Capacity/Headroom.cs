using Streams.Api.Contracts;

namespace Streams.Api.Capacity;

/// <summary>The fleet's headroom per value of a series tag (role, dc, ...) and metric, from the latest forecasts.</summary>
internal static class Headroom
{
    /// <summary>The two horizons of the default filesystem rules (full within a day: critical; within a week: warning).</summary>
    public static readonly TimeSpan Day = TimeSpan.FromHours(24);

    public static readonly TimeSpan Week = TimeSpan.FromDays(7);

    /// <summary>Groups most at risk first: most exhausting within a day, then within a week, then the least headroom.</summary>
    public static HeadroomReport Aggregate(IEnumerable<CapacityItem> items, string by, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(by);
        var groups = items
            .GroupBy(i => (Value: i.Tags.TryGetValue(by, out var value) ? value : null, i.Metric))
            .Select(g => new HeadroomGroup(
                g.Key.Value,
                g.Key.Metric,
                g.Count(),
                g.Select(i => i.Host).Distinct(StringComparer.Ordinal).Count(),
                g.Count(i => i.ExhaustionExpected <= now + Day),
                g.Count(i => i.ExhaustionExpected <= now + Week),
                Median([.. g.Select(Share).OfType<double>()]),
                LowerMedian([.. g.Select(i => i.ExhaustionExpected ?? DateTimeOffset.MaxValue)]) is var median && median == DateTimeOffset.MaxValue ? null : median))
            .OrderByDescending(g => g.ExhaustWithin24h)
            .ThenByDescending(g => g.ExhaustWithin7d)
            .ThenBy(g => g.MedianHeadroom ?? double.MaxValue)
            .ThenBy(g => g.Value ?? "\uffff", StringComparer.Ordinal)
            .ThenBy(g => g.Metric, StringComparer.Ordinal)
            .ToList();
        return new HeadroomReport(by, now, groups);
    }

    /// <summary>The share of the limit still free; null where that has no meaning (no limit, a falling resource, a limit of 0 or less).</summary>
    public static double? Share(CapacityItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return item.Limit is { } limit && limit > 0 && item.Direction == "RISING" && double.IsFinite(item.LastValue)
            ? Math.Clamp((limit - item.LastValue) / limit, 0, 1)
            : null;
    }

    private static double? Median(double[] values)
    {
        if (values.Length == 0)
        {
            return null;
        }

        Array.Sort(values);
        var middle = values.Length / 2;
        return values.Length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }

    // Times never reached are the maximum, and two middles cannot be averaged with it: the lower one is the median.
    private static DateTimeOffset LowerMedian(DateTimeOffset[] values)
    {
        Array.Sort(values);
        return values[(values.Length - 1) / 2];
    }
}
