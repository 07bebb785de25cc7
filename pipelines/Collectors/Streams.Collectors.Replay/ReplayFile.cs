using Streams.Collectors.Simulator.Labels;

namespace Streams.Collectors.Replay;

/// <summary>A dataset file ready to replay: the host its series belong to, its columns, its rows in order and its labels.</summary>
internal sealed record ReplayFile(
    string Name,
    string Host,
    IReadOnlyList<ReplayColumn> Columns,
    TimeSpan Interval,
    int RowCount,
    Func<IEnumerable<ReplayRow>> Rows,
    IReadOnlyList<IncidentLabel> Labels);
