namespace Streams.Collectors.Replay.Nab;

/// <summary>One NAB series: its key (<c>folder/file.csv</c>), values in time order, and its label windows as inclusive row ranges.</summary>
internal sealed record NabFile(string Key, DateTime[] Timestamps, double[] Values, IReadOnlyList<(int Start, int End)> Windows);
