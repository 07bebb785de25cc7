namespace Streams.Collectors.Replay;

/// <summary>One row of a dataset file: its event time and one value per column.</summary>
internal readonly record struct ReplayRow(DateTimeOffset Time, double[] Values);
