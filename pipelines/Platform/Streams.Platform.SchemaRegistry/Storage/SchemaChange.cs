namespace Streams.Platform.SchemaRegistry.Storage;

/// <summary>A subject version written, soft-deleted (<see cref="Deleted"/>) or removed (<see cref="Schema"/> null).</summary>
internal sealed record SchemaChange(string Subject, int Version, int Id, string? Schema, string? SchemaType, bool Deleted) : RegistryChange
{
    public bool IsTombstone => Schema is null;
}
