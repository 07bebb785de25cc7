using Streams.Forecaster.Cycle;

namespace Streams.Forecaster.Data;

/// <summary>Where the hourly histories come from.</summary>
internal interface ISeriesHistorySource
{
    /// <summary>
    /// Hosts in ascending order of name, starting after <paramref name="afterHost"/> (empty: from
    /// the first), each with every series of <paramref name="metrics"/> that has a point in
    /// [<paramref name="from"/>, <paramref name="to"/>), on the hourly grid of that range.
    /// </summary>
    IAsyncEnumerable<IReadOnlyList<SeriesHistory>> ReadHostsAsync(
        IReadOnlyList<string> metrics, DateTimeOffset from, DateTimeOffset to, string afterHost, CancellationToken cancellationToken);
}
