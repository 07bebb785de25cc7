namespace Streams.Api.Contracts;

/// <summary>POST /api/sql.</summary>
internal sealed record SqlRequest(string? Query);
