namespace Streams.Topology.Metrics.Normalize;

/// <summary>
/// What NormalizeMetrics remembers about one host: the state of each of its series by series id.
/// One store entry per host, so a batch costs one store read and one write however many series it carries.
/// </summary>
internal sealed class HostSeriesState(Dictionary<string, SeriesState> series)
{
    public HostSeriesState()
        : this(new Dictionary<string, SeriesState>(StringComparer.Ordinal))
    {
    }

    public Dictionary<string, SeriesState> Series { get; } = series;
}
