namespace Streams.Collectors.Nagios.Checks;

/// <summary>A host's recent record: whether ClickHouse knows it at all, its anomalies in the window, their highest score, and its alerts now firing.</summary>
internal sealed record HostAnomalySummary(bool Known, int Anomalies, double? MaxScore, int FiringAlerts);
