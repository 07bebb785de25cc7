namespace Streams.Api.Contracts;

/// <summary>A key as listed: never the key itself.</summary>
internal sealed record KeyView(string Id, string Name, string Role, DateTimeOffset CreatedAt);
