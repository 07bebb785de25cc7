namespace Streams.Platform.SchemaRegistry;

/// <summary>Where the Schema Registry is, bound from <c>SchemaRegistry</c>. No URL means: run the embedded one.</summary>
public sealed class SchemaRegistryOptions
{
    public const string SectionName = "SchemaRegistry";

    /// <summary>An external registry, e.g. <c>http://schema-registry:8081</c>; empty runs the embedded one.</summary>
    public string? Url { get; set; }

    public bool IsEmbedded => string.IsNullOrWhiteSpace(Url);
}
