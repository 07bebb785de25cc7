namespace Streams.Collectors.Replay;

/// <summary>What to replay and how.</summary>
public sealed record ReplayOptions
{
    public ReplayDataset Dataset { get; init; } = ReplayDataset.Smd;

    /// <summary>The datasets folder (holding <c>smd/</c> and <c>nab/</c>).</summary>
    public required string DataDirectory { get; init; }

    /// <summary>File names or patterns (<c>*</c>, <c>?</c>) matched against the file name without extension or the path under the dataset; empty takes every file.</summary>
    public IReadOnlyList<string> Files { get; init; } = [];

    /// <summary>SMD only: which half to replay, <c>test</c> (labelled) or <c>train</c>.</summary>
    public string SmdPart { get; init; } = "test";

    /// <summary>Event time of the first row. SMD has no timestamps; NAB files are shifted to start here unless <see cref="KeepTimestamps"/>.</summary>
    public DateTimeOffset Start { get; init; } = DateTimeOffset.UnixEpoch;

    /// <summary>NAB only: keep the files' own timestamps (2013–2015) instead of shifting them to <see cref="Start"/>.</summary>
    public bool KeepTimestamps { get; init; }

    /// <summary>Rows to replay per file at most; 0 for all.</summary>
    public int Limit { get; init; }
}
