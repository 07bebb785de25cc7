namespace Streams.Scoring.Learning;

/// <summary>
/// One window of a host's rolling training history: its feature layout, values and presence mask
/// (empty when every value is present), and whether the host's model found it over its threshold,
/// so an incident is not learned as normal.
/// </summary>
public sealed record HistoryRow(string[] Names, double[] Values, bool[] Present, bool Anomalous);
