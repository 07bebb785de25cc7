namespace Streams.Collectors.Replay.Smd;

/// <summary>An SMD interpretation label: test rows [Start, End) and the 0-based columns that explain them.</summary>
internal sealed record SmdSegment(int Start, int End, IReadOnlyList<int> Dimensions);
