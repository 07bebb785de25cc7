namespace Streams.Api.Contracts;

/// <summary>POST /api/keys.</summary>
internal sealed record KeyRequest(string? Name, string? Role);
