using System.Globalization;
using System.Text;
using Confluent.Kafka;
using Streams.Schemas.Topics;
using Streams.Topology.DeadLetters;

namespace Streams.Sinks.ClickHouse.DeadLetters;

/// <summary>Writes rejected records to <c>deadletter</c>: key the source topic, value the original bytes, the why in headers.</summary>
internal sealed class DeadLetterPublisher(IProducer<string, byte[]?> producer) : IDisposable
{
    public const string Stage = "clickhouse-sink";

    /// <summary>Publishes the records and waits until Kafka has acknowledged every one; throws if any was not written.</summary>
    public async Task PublishAsync(IReadOnlyCollection<DeadLetter> letters, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(letters);
        if (letters.Count == 0)
        {
            return;
        }

        await Task.WhenAll(letters.Select(letter => producer.ProduceAsync(
            TopicCatalogue.DeadLetter.Name,
            new Message<string, byte[]?> { Key = letter.Source.Topic, Value = letter.Value, Headers = Headers(letter) },
            cancellationToken)));
        foreach (var letter in letters)
        {
            DeadLetterMetrics.Record(Stage, letter.Reason);
        }
    }

    public void Dispose() => producer.Dispose();

    private static Headers Headers(DeadLetter letter) =>
    [
        Header(DeadLetterHeaders.Reason, letter.Reason),
        Header(DeadLetterHeaders.Detail, letter.Detail),
        Header(DeadLetterHeaders.Stage, Stage),
        Header(DeadLetterHeaders.SourceTopic, letter.Source.Topic),
        Header(DeadLetterHeaders.SourcePartition, letter.Source.Partition.Value.ToString(CultureInfo.InvariantCulture)),
        Header(DeadLetterHeaders.SourceOffset, letter.Source.Offset.Value.ToString(CultureInfo.InvariantCulture)),
    ];

    private static Header Header(string key, string value) => new(key, Encoding.UTF8.GetBytes(value));
}
