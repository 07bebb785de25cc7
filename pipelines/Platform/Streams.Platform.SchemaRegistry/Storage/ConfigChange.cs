namespace Streams.Platform.SchemaRegistry.Storage;

/// <summary>The compatibility level of a subject (or the global one when <see cref="Subject"/> is null); null level clears it.</summary>
internal sealed record ConfigChange(string? Subject, string? Level) : RegistryChange;
