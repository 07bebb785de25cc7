namespace Streams.Api.Contracts;

/// <summary>GET /api/hosts/{host}.</summary>
internal sealed record HostDetail(string Host, IReadOnlyDictionary<string, string> Tags, DateTimeOffset? LastSeen, string Health, IReadOnlyList<string> Series, IReadOnlyList<AlertView> ActiveAlerts, IReadOnlyList<AnomalyView> RecentAnomalies);
