namespace Streams.Api.Contracts;

/// <summary>POST /api/rules/preview: how often the rule would have fired.</summary>
internal sealed record PreviewResult(int Fired, IReadOnlyList<PreviewHost> Hosts, long EvaluatedWindows, DateTimeOffset From, DateTimeOffset To);
