namespace Streams.Platform.SchemaRegistry;

/// <summary>The Schema Registry this process uses, embedded or external. Valid once the host has started.</summary>
public interface ISchemaRegistryEndpoint
{
    Uri Url { get; }

    bool IsEmbedded { get; }
}
