using Confluent.Kafka;

namespace Streams.Platform.Kafka.Status;

/// <summary>
/// Reads how far consumer groups trail topics, partition by partition, with long-lived clients so
/// that a caller polling every few seconds (the collectors' back-off, the lag gauges) does not
/// start librdkafka clients each time. Uses Metadata, ListOffsets and OffsetFetch only, as
/// <see cref="KafkaStatusReader"/> does: never joins a group, never lists groups.
/// </summary>
public sealed class ConsumerLagReader(string bootstrapServers) : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    private readonly Lock _gate = new();
    private readonly Dictionary<string, IConsumer<Ignore, Ignore>> _groups = new(StringComparer.Ordinal);
    private IAdminClient? _admin;
    private IConsumer<Ignore, Ignore>? _offsets;

    /// <summary>The group's lag on the topic, or null when the group has committed nothing there (not started, or another group).</summary>
    /// <exception cref="KafkaException">The cluster did not answer.</exception>
    public TopicLag? Read(string group, string topic)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(topic);
        return ReadTopics(group, topic).FirstOrDefault();
    }

    /// <summary>The group's lag on every topic it has committed on, by topic name.</summary>
    /// <exception cref="KafkaException">The cluster did not answer.</exception>
    public IReadOnlyList<TopicLag> ReadAll(string group) => ReadTopics(group, null);

    public void Dispose()
    {
        lock (_gate)
        {
            foreach (var reader in _groups.Values)
            {
                reader.Dispose();
            }

            _groups.Clear();
            _offsets?.Dispose();
            _admin?.Dispose();
        }
    }

    private List<TopicLag> ReadTopics(string group, string? onlyTopic)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(group);
        lock (_gate)
        {
            _admin ??= new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrapServers, SocketTimeoutMs = 5000 }).Build();
            _offsets ??= Consumer("streams-lag");
            var metadata = onlyTopic is null ? _admin.GetMetadata(Timeout) : _admin.GetMetadata(onlyTopic, Timeout);
            var partitions = metadata.Topics
                .Where(t => t.Error.Code == ErrorCode.NoError && (onlyTopic is null || t.Topic == onlyTopic))
                .SelectMany(t => t.Partitions.Select(p => new TopicPartition(t.Topic, p.PartitionId)))
                .ToList();
            if (partitions.Count == 0)
            {
                return [];
            }

            if (!_groups.TryGetValue(group, out var reader))
            {
                reader = Consumer(group);
                _groups.Add(group, reader);
            }

            // Committed() is an OffsetFetch for the group; the reader never subscribes, so it never joins it.
            var committed = reader.Committed(partitions, Timeout).ToDictionary(c => c.TopicPartition, c => c.Offset);
            var lags = new List<TopicLag>();
            foreach (var topic in partitions.GroupBy(p => p.Topic, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                if (topic.All(p => !committed.TryGetValue(p, out var offset) || offset == Offset.Unset))
                {
                    continue;
                }

                var partitionLags = new List<PartitionLag>();
                foreach (var partition in topic.OrderBy(p => p.Partition.Value))
                {
                    var marks = _offsets.QueryWatermarkOffsets(partition, Timeout);
                    var done = committed.TryGetValue(partition, out var offset) && offset != Offset.Unset ? offset.Value : marks.Low.Value;
                    partitionLags.Add(new PartitionLag(partition.Partition.Value, marks.High.Value, done));
                }

                lags.Add(new TopicLag(group, topic.Key, partitionLags));
            }

            return lags;
        }
    }

    private IConsumer<Ignore, Ignore> Consumer(string group) => new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig
    {
        BootstrapServers = bootstrapServers,
        GroupId = group,
        EnableAutoCommit = false,
    }).Build();
}
