namespace Streams.Api.Contracts;

/// <summary>A result column.</summary>
internal sealed record SqlColumn(string Name, string Type);
