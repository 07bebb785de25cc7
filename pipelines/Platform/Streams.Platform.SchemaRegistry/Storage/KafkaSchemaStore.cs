using Confluent.Kafka;
using Confluent.Kafka.Admin;
using Microsoft.Extensions.Logging;
using Streams.Schemas.Topics;

namespace Streams.Platform.SchemaRegistry.Storage;

/// <summary>
/// The registry's log in a compacted, single-partition Kafka topic (<c>_schemas</c>), as
/// Confluent Schema Registry keeps it. One idempotent acks=all producer writes; start-up reads
/// the partition from its first offset to the end offset seen at start, through an assigned
/// consumer without a group (group APIs are not needed, and ListConsumerGroups crashes the
/// embedded broker).
/// </summary>
internal sealed class KafkaSchemaStore : ISchemaStore
{
    private static readonly TimeSpan MetadataTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan PollTimeout = TimeSpan.FromMilliseconds(500);

    private readonly string _bootstrapServers;
    private readonly TopicPartition _partition;
    private readonly IProducer<string, string?> _producer;
    private readonly ILogger _logger;

    private KafkaSchemaStore(string bootstrapServers, string topic, ILogger logger)
    {
        _bootstrapServers = bootstrapServers;
        _partition = new TopicPartition(topic, 0);
        _logger = logger;
        _producer = new ProducerBuilder<string, string?>(new ProducerConfig
        {
            BootstrapServers = bootstrapServers,
            EnableIdempotence = true,
            Acks = Acks.All,
            LingerMs = 0,
            // A registry write that cannot reach Kafka fails the request (50001) rather than hanging it.
            MessageTimeoutMs = 30_000,
        }).Build();
    }

    /// <summary>Connects to the topic, creating it (1 partition, compacted) when it is missing and the cluster allows it.</summary>
    /// <exception cref="InvalidOperationException">The topic is missing and cannot be created, or has more than one partition.</exception>
    public static async Task<KafkaSchemaStore> OpenAsync(string bootstrapServers, TopicSpec topic, ILogger logger, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(bootstrapServers);
        ArgumentNullException.ThrowIfNull(topic);
        ArgumentNullException.ThrowIfNull(logger);
        await EnsureTopicAsync(bootstrapServers, topic, logger, cancellationToken);
        return new KafkaSchemaStore(bootstrapServers, topic.Name, logger);
    }

    public Task<IReadOnlyList<StoredRecord>> ReadAllAsync(CancellationToken cancellationToken) =>
        Task.Run<IReadOnlyList<StoredRecord>>(() => ReadAll(cancellationToken), cancellationToken);

    public async Task AppendAsync(StoredRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        var result = await _producer.ProduceAsync(_partition, new Message<string, string?> { Key = record.Key, Value = record.Value }, cancellationToken);
        if (result.Status != PersistenceStatus.Persisted)
        {
            throw new InvalidOperationException($"Write to {_partition.Topic} was not acknowledged (status {result.Status}).");
        }
    }

    public ValueTask DisposeAsync()
    {
        _producer.Flush(TimeSpan.FromSeconds(5));
        _producer.Dispose();
        return ValueTask.CompletedTask;
    }

    private List<StoredRecord> ReadAll(CancellationToken cancellationToken)
    {
        using var consumer = new ConsumerBuilder<string, string?>(new ConsumerConfig
        {
            BootstrapServers = _bootstrapServers,
            GroupId = "streams-schema-registry-loader",
            EnableAutoCommit = false,
            EnablePartitionEof = true,
        }).Build();
        var offsets = consumer.QueryWatermarkOffsets(_partition, MetadataTimeout);
        var records = new List<StoredRecord>();
        if (offsets.High <= offsets.Low)
        {
            return records;
        }

        consumer.Assign(new TopicPartitionOffset(_partition, offsets.Low));
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var result = consumer.Consume(PollTimeout);
            if (result is null)
            {
                continue;
            }

            if (!result.IsPartitionEOF)
            {
                records.Add(new StoredRecord(result.Message.Key, result.Message.Value));
            }

            if (result.IsPartitionEOF || result.Offset.Value >= offsets.High - 1)
            {
                break;
            }
        }

        _logger.LogDebug("Read {Count} records of {Topic} up to offset {High}", records.Count, _partition.Topic, offsets.High);
        return records;
    }

    private static async Task EnsureTopicAsync(string bootstrapServers, TopicSpec topic, ILogger logger, CancellationToken cancellationToken)
    {
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrapServers }).Build();
        // All-topics metadata: asking for the one topic would let an auto-creating broker create
        // it with its default partition count.
        Metadata metadata;
        try
        {
            metadata = admin.GetMetadata(MetadataTimeout);
        }
        catch (KafkaException e)
        {
            throw new InvalidOperationException($"Schema registry cannot reach Kafka at {bootstrapServers} ({e.Error.Reason}).", e);
        }

        var existing = metadata.Topics.FirstOrDefault(t => t.Topic == topic.Name && t.Error.Code == ErrorCode.NoError);
        if (existing is not null)
        {
            if (existing.Partitions.Count != 1)
            {
                throw new InvalidOperationException(
                    $"Topic {topic.Name} has {existing.Partitions.Count} partitions; the schema registry needs exactly 1 to keep its log in order.");
            }

            return;
        }

        try
        {
            await admin.CreateTopicsAsync(
            [
                new TopicSpecification
                {
                    Name = topic.Name,
                    NumPartitions = 1,
                    ReplicationFactor = (short)Math.Min(3, metadata.Brokers.Count),
                    Configs = topic.Configs.ToDictionary(),
                },
            ]).WaitAsync(cancellationToken);
            logger.LogInformation("Created topic {Topic} (1 partition, compacted)", topic.Name);
        }
        catch (CreateTopicsException e) when (e.Results.All(r => r.Error.Code == ErrorCode.TopicAlreadyExists))
        {
            logger.LogDebug("Topic {Topic} was created concurrently", topic.Name);
        }
        catch (KafkaException e)
        {
            throw new InvalidOperationException(
                $"Topic {topic.Name} does not exist and could not be created ({e.Message}); create it with 1 partition and cleanup.policy=compact before starting the schema registry.", e);
        }
    }
}
