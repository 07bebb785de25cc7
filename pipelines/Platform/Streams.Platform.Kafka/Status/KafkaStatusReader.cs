using Confluent.Kafka;
namespace Streams.Platform.Kafka.Status;

/// <summary>
/// Reads topics, end offsets and consumer lag with requests every Kafka (and the embedded broker)
/// answers: Metadata, ListOffsets and OffsetFetch. Groups are named by the caller because
/// listing them (ListConsumerGroups) crashes the process that hosts the embedded broker.
/// </summary>
public static class KafkaStatusReader
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    /// <summary>Reads the cluster at <paramref name="bootstrapServers"/>; lag only for <paramref name="groups"/>.</summary>
    /// <exception cref="KafkaException">The cluster did not answer.</exception>
    public static KafkaStatus Read(string bootstrapServers, IEnumerable<string> groups, Func<string, bool>? includeTopic = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(bootstrapServers);
        ArgumentNullException.ThrowIfNull(groups);
        includeTopic ??= _ => true;

        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrapServers, SocketTimeoutMs = 5000 }).Build();
        var metadata = admin.GetMetadata(Timeout);
        var topics = metadata.Topics.Where(t => t.Error.Code == ErrorCode.NoError && includeTopic(t.Topic)).OrderBy(t => t.Topic, StringComparer.Ordinal).ToList();

        using var consumer = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = "streams-status",
            EnableAutoCommit = false,
        }).Build();

        var ends = new Dictionary<TopicPartition, WatermarkOffsets>();
        var statuses = new List<TopicStatus>(topics.Count);
        foreach (var topic in topics)
        {
            long end = 0, held = 0;
            foreach (var partition in topic.Partitions)
            {
                var tp = new TopicPartition(topic.Topic, partition.PartitionId);
                var watermarks = consumer.QueryWatermarkOffsets(tp, Timeout);
                ends[tp] = watermarks;
                end += watermarks.High.Value;
                held += watermarks.High.Value - watermarks.Low.Value;
            }

            statuses.Add(new TopicStatus(topic.Topic, topic.Partitions.Count, end, held));
        }

        var lags = new List<GroupLag>();
        foreach (var group in groups.Distinct(StringComparer.Ordinal))
        {
            lags.AddRange(ReadLag(bootstrapServers, group, ends));
        }

        return new KafkaStatus(metadata.Brokers.Count, statuses, lags);
    }

    private static List<GroupLag> ReadLag(string bootstrapServers, string group, Dictionary<TopicPartition, WatermarkOffsets> ends)
    {
        // Committed() is an OffsetFetch for this group; the consumer never joins it.
        using var reader = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = group,
            EnableAutoCommit = false,
        }).Build();
        var committed = reader.Committed(ends.Keys, Timeout);
        return committed
            .Where(c => c.Offset != Offset.Unset)
            .GroupBy(c => c.Topic, StringComparer.Ordinal)
            .Select(g =>
            {
                var topicPartitions = ends.Where(e => e.Key.Topic == g.Key).ToList();
                var done = g.ToDictionary(c => c.TopicPartition, c => c.Offset.Value);
                var lag = topicPartitions.Sum(e => e.Value.High.Value - (done.TryGetValue(e.Key, out var o) ? o : e.Value.Low.Value));
                return new GroupLag(group, g.Key, done.Values.Sum(), lag);
            })
            .OrderBy(l => l.Topic, StringComparer.Ordinal)
            .ToList();
    }
}
