using Streams.Forecasting;

namespace Streams.Forecaster.Cycle;

/// <summary>One series' hourly history as read from <c>series_1h</c>.</summary>
internal sealed record SeriesHistory(string Host, string Series, string Metric, RegularSeries Values)
{
    /// <summary>The tags part of the series id, <c>{k=v,...}</c> or empty: what pairs <c>swap.used</c> with its host's <c>swap.total</c>.</summary>
    public string TagSuffix => Series.Length > Metric.Length && Series.StartsWith(Metric, StringComparison.Ordinal) ? Series[Metric.Length..] : string.Empty;

    /// <summary>
    /// The tags of the series id. Ids do not escape ',' or '=' inside values (MetricWindow.avsc), so a
    /// value holding one is split wrongly here; the id itself stays exact.
    /// </summary>
    public Dictionary<string, string> Tags()
    {
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        var suffix = TagSuffix;
        if (suffix.Length < 2 || suffix[0] != '{' || suffix[^1] != '}')
        {
            return tags;
        }

        foreach (var pair in suffix[1..^1].Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                tags[pair[..equals]] = pair[(equals + 1)..];
            }
        }

        return tags;
    }

    /// <summary>The last observed value, or null when the history has none.</summary>
    public double? LastObserved()
    {
        var index = Values.Values.AsSpan().LastIndexOfAnyExcept(double.NaN);
        return index < 0 ? null : Values.Values[index];
    }
}
