namespace Streams.Platform.Kafka;

/// <summary>Where Kafka is, bound from <c>Kafka</c>. No bootstrap servers means: run the embedded broker.</summary>
public sealed class KafkaOptions
{
    public const string SectionName = "Kafka";

    /// <summary>An external cluster's bootstrap servers; empty runs the embedded broker instead.</summary>
    public string? BootstrapServers { get; set; }

    /// <summary>Create the catalogue's topics at start on an external cluster (needs the admin rights to).</summary>
    public bool ProvisionTopics { get; set; } = true;

    /// <summary>Replication factor for topics created on an external cluster.</summary>
    public short ReplicationFactor { get; set; } = 1;

    /// <summary>
    /// The <c>streams</c> process that runs the embedded broker, asked to create topics when the
    /// external cluster turns out to be that broker (it has no CreateTopics API).
    /// </summary>
    public string? PlatformUrl { get; set; }

    /// <summary>An admin API key for <see cref="PlatformUrl"/>; unset reads <see cref="PlatformApiKeyFile"/>.</summary>
    public string? PlatformApiKey { get; set; }

    /// <summary>
    /// A file holding that key; unset is the admin key file the platform process writes on this
    /// machine (<c>&lt;Api:DataDir&gt;/admin.key</c>), so roles in other terminals need no set-up.
    /// </summary>
    public string? PlatformApiKeyFile { get; set; }

    public bool IsEmbedded => string.IsNullOrWhiteSpace(BootstrapServers);
}
