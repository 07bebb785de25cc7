namespace Streams.Platform.SchemaRegistry.Storage;

/// <summary>A decoded record of the log: what it changes in the registry's state.</summary>
internal abstract record RegistryChange;
