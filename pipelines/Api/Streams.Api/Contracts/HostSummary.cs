namespace Streams.Api.Contracts;

/// <summary>One row of GET /api/hosts.</summary>
internal sealed record HostSummary(string Host, IReadOnlyDictionary<string, string> Tags, DateTimeOffset? LastSeen, string Health, long Anomalies1h, long ActiveAlerts, double Score1h);
