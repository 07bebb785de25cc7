namespace Streams.Platform.SchemaRegistry.Registry;

/// <summary>One version of a subject: the schema registered under it and its global id.</summary>
internal sealed record SchemaVersion(string Subject, int Version, int Id, ParsedSchema Schema, bool Deleted);
