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

    public bool IsEmbedded => string.IsNullOrWhiteSpace(BootstrapServers);
}
