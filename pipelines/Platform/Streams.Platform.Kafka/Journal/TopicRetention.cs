using Streams.Schemas.Topics;

namespace Streams.Platform.Kafka.Journal;

/// <summary>How the journal keeps a topic: compacted to the last record per key, and/or for a time.</summary>
internal readonly record struct TopicRetention(bool Compact, TimeSpan? Retention)
{
    /// <summary>The catalogue's policy; Streamiz changelogs are compacted; any other topic is kept whole.</summary>
    public static TopicRetention For(string topic) => TopicCatalogue.Find(topic) is { } spec
        ? new TopicRetention(spec.Cleanup == CleanupPolicy.Compact, spec.Retention)
        : new TopicRetention(topic.EndsWith("-changelog", StringComparison.Ordinal), null);
}
