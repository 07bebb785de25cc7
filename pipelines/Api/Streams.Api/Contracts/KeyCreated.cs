namespace Streams.Api.Contracts;

/// <summary>The new key, shown once.</summary>
internal sealed record KeyCreated(string Id, string Key, string Name, string Role);
