namespace Streams.System.Tests;

/// <summary>One reading of <c>GET /api/pipeline/lag</c>: records not yet processed, per consumer group, summed over its topics.</summary>
internal sealed record LagReading(TimeSpan At, IReadOnlyDictionary<string, long> Groups)
{
    public bool AllCaughtUp => Groups.Count > 0 && Groups.Values.All(records => records == 0);

    /// <summary>The records <paramref name="group"/> trails by; 0 for a group not read (it has committed nothing yet).</summary>
    public long Of(string group) => Groups.GetValueOrDefault(group);
}
