namespace Streams.Api.Auth;

/// <summary>An API key as stored: only the SHA-256 of the key, never the key.</summary>
internal sealed record ApiKeyRecord(string Id, string Name, string Role, string Hash, DateTimeOffset CreatedAt);
