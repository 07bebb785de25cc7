namespace Streams.Api.Contracts;

/// <summary>An alert state as the API and the live feed show it.</summary>
internal sealed record AlertView(string Fingerprint, string RuleId, string State, string Severity, IReadOnlyDictionary<string, string> Labels, IReadOnlyDictionary<string, string> Annotations, double? Value, DateTimeOffset StartsAt, DateTimeOffset? EndsAt, DateTimeOffset UpdatedAt, string? AcknowledgedBy, string? SilenceId, int EscalationLevel, bool Flapping, int RuleVersion, IReadOnlyList<string> AnomalyIds);
