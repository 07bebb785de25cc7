using Confluent.Kafka;
using Streamiz.Kafka.Net;
using Streamiz.Kafka.Net.Kafka;
using Streamiz.Kafka.Net.Metrics;

namespace Streams.Platform.Kafka.Streamiz;

/// <summary>
/// Streamiz' own clients, except that the admin client creates topics through an
/// <see cref="ITopicCreator"/>: Streamiz creates its changelog and repartition topics with
/// CreateTopics, which the embedded broker does not implement.
/// </summary>
public sealed class TopicCreatingKafkaSupplier(IStreamConfig config, ITopicCreator topics) : IKafkaSupplier
{
    private readonly DefaultKafkaClientSupplier _inner = new(new KafkaLoggerAdapter(config), config);

    public StreamMetricsRegistry MetricsRegistry
    {
        get => _inner.MetricsRegistry;
        set => _inner.MetricsRegistry = value;
    }

    public IAdminClient GetAdmin(AdminClientConfig config) => TopicCreatingAdminClient.Wrap(_inner.GetAdmin(config), topics);

    public IConsumer<byte[], byte[]> GetConsumer(ConsumerConfig config, IConsumerRebalanceListener rebalanceListener) =>
        _inner.GetConsumer(config, rebalanceListener);

    public IProducer<byte[], byte[]> GetProducer(ProducerConfig config) => _inner.GetProducer(config);

    public IConsumer<byte[], byte[]> GetRestoreConsumer(ConsumerConfig config) => _inner.GetRestoreConsumer(config);

    public IConsumer<byte[], byte[]> GetGlobalConsumer(ConsumerConfig config) => _inner.GetGlobalConsumer(config);
}
