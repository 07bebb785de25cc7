namespace Streams.Api.Contracts;

/// <summary>An anomaly as the API and the live feed show it.</summary>
internal sealed record AnomalyView(string Id, string Host, string? Series, DateTimeOffset WindowStart, DateTimeOffset WindowEnd, double Score, double Threshold, string Severity, string Model, string ModelVersion, IReadOnlyList<ContributionView> Contributions, int ConsecutiveWindows, DateTimeOffset DetectedAt, IReadOnlyDictionary<string, string> Tags);
