namespace Streams.Schemas.Topics;

/// <summary>
/// One topic of the platform: its name, how many partitions bound the parallelism of the
/// stages that read it, what its keys and values are, and how long Kafka keeps it.
/// </summary>
/// <param name="Name">The topic name.</param>
/// <param name="Partitions">Partition count; the upper bound on consumer parallelism.</param>
/// <param name="KeyType">What the key holds (for documentation and `streams status`).</param>
/// <param name="ValueType">The Avro record (full name) or encoding of the value.</param>
/// <param name="Cleanup">Delete by retention, or compact to the latest value per key.</param>
/// <param name="Retention">How long records are kept; null keeps them forever.</param>
/// <param name="Description">What flows through the topic and who reads it.</param>
public sealed record TopicSpec(
    string Name,
    int Partitions,
    string KeyType,
    string ValueType,
    CleanupPolicy Cleanup,
    TimeSpan? Retention,
    string Description)
{
    /// <summary>The topic-level configs to create the topic with on a real cluster.</summary>
    public IReadOnlyDictionary<string, string> Configs => new Dictionary<string, string>
    {
        ["cleanup.policy"] = Cleanup == CleanupPolicy.Compact ? "compact" : "delete",
        ["retention.ms"] = Retention is { } r ? ((long)r.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture) : "-1",
    };
}
