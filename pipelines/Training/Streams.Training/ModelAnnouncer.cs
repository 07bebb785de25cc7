using System.Text;
using Confluent.Kafka;
using Streams.Schemas.Topics;
using Streams.Scoring.Artifacts;

namespace Streams.Training;

/// <summary>Announces a saved model version on the compacted <c>models</c> topic: key the model name, value its metadata as JSON.</summary>
internal static class ModelAnnouncer
{
    /// <exception cref="KafkaException">The broker did not acknowledge within the timeout.</exception>
    public static async Task<TopicPartitionOffset> AnnounceAsync(string bootstrapServers, ModelMetadata metadata, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        using var producer = new ProducerBuilder<string, byte[]>(new ProducerConfig
        {
            BootstrapServers = bootstrapServers,
            Acks = Acks.All,
            MessageTimeoutMs = 15_000,
        }).Build();
        var result = await producer.ProduceAsync(
            TopicCatalogue.Models.Name,
            new Message<string, byte[]> { Key = metadata.Name, Value = Encoding.UTF8.GetBytes(metadata.ToJson()) },
            cancellationToken).ConfigureAwait(false);
        return result.TopicPartitionOffset;
    }
}
