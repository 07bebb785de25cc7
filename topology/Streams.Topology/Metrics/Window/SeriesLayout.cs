namespace Streams.Topology.Metrics.Window;

/// <summary>
/// A host's feature layout while one of its batches is placed: its series in order of first
/// appearance, with each one's position found in constant time (a host may have thousands).
/// </summary>
internal sealed class SeriesLayout
{
    private readonly List<string> series;
    private readonly Dictionary<string, int> positions;

    public SeriesLayout(IReadOnlyList<string> layout)
    {
        series = [.. layout];
        positions = new Dictionary<string, int>(series.Count, StringComparer.Ordinal);
        for (var i = 0; i < series.Count; i++)
        {
            positions[series[i]] = i;
        }
    }

    public IReadOnlyList<string> Series => series;

    /// <summary>The series' position, or the one it takes when added.</summary>
    public int PositionOf(string id) => positions.TryGetValue(id, out var position) ? position : series.Count;

    public void Add(string id)
    {
        if (positions.TryAdd(id, series.Count))
        {
            series.Add(id);
        }
    }
}
