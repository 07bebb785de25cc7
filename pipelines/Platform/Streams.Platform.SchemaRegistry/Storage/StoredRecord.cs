namespace Streams.Platform.SchemaRegistry.Storage;

/// <summary>One record of the registry's log: a JSON key and a JSON value, or a null value (tombstone).</summary>
internal sealed record StoredRecord(string Key, string? Value);
