namespace Streams.Topology.Scoring;

/// <summary>One buffered warm-up window of a host: its feature layout, values and presence mask.</summary>
internal sealed record WarmupRow(string[] Names, double[] Values, bool[] Present);
