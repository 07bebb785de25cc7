namespace Streams.Platform.SchemaRegistry;

/// <summary>Where the embedded Schema Registry listens (section <c>SchemaRegistry:Embedded</c>).</summary>
public sealed class EmbeddedSchemaRegistryOptions
{
    public const string SectionName = "SchemaRegistry:Embedded";

    /// <summary>Loopback address to bind; the registry has no authentication, so keep it local.</summary>
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>TCP port (Confluent's default 8081); 0 picks a free port.</summary>
    public int Port { get; set; } = 8081;
}
