using System.Text;

namespace Streams.Topology.Metrics;

/// <summary>
/// The series id of MetricWindow.avsc: the metric name, then its tags as <c>{k=v,...}</c> sorted
/// by key when it has any, e.g. <c>disk.util{device=sda}</c>.
/// </summary>
public static class SeriesId
{
    public static string Of(string metric, IDictionary<string, string>? tags)
    {
        ArgumentNullException.ThrowIfNull(metric);
        if (tags is null || tags.Count == 0)
        {
            return metric;
        }

        var text = new StringBuilder(metric).Append('{');
        var first = true;
        foreach (var (key, value) in tags.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            text.Append(first ? "" : ",").Append(key).Append('=').Append(value);
            first = false;
        }

        return text.Append('}').ToString();
    }
}
