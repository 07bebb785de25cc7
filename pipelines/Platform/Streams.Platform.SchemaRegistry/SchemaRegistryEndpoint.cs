namespace Streams.Platform.SchemaRegistry;

/// <summary>Resolves the registry's URL: the embedded instance once started, or the configured one.</summary>
internal sealed class SchemaRegistryEndpoint(SchemaRegistryOptions options, EmbeddedSchemaRegistryAccessor? embedded) : ISchemaRegistryEndpoint
{
    public Uri Url => embedded?.Registry.Url ?? new Uri(options.Url!);

    public bool IsEmbedded => embedded is not null;
}
