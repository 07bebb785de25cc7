using System.Globalization;
using System.Text;
using Confluent.Kafka;
using Streams.Platform.Kafka;
using Streams.Topology.DeadLetters;

namespace Streams.Host.Tests.DeadLetters;

/// <summary>An embedded broker on free ports shared by a test class; each test writes its own dead-letter topic.</summary>
public sealed class DeadLetterKafka : IDisposable
{
    public const int Partitions = 3;

    private readonly EmbeddedKafkaCluster _kafka = EmbeddedKafkaCluster.Start(new EmbeddedKafkaOptions { Port = 0 });

    public static readonly DateTimeOffset Epoch = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);

    public string BootstrapServers => _kafka.BootstrapServers;

    public string NewTopic()
    {
        var topic = "deadletter." + Guid.NewGuid().ToString("N");
        _kafka.CreateTopic(topic, Partitions);
        return topic;
    }

    /// <summary>Writes dead letters as the stages do: key the source topic, value the original bytes, the why in headers.</summary>
    internal void Produce(string topic, IEnumerable<Letter> letters)
    {
        using var producer = new ProducerBuilder<string, byte[]>(new ProducerConfig { BootstrapServers = BootstrapServers }).Build();
        foreach (var letter in letters)
        {
            producer.Produce(new TopicPartition(topic, letter.Partition), new Message<string, byte[]>
            {
                Key = "metrics.raw",
                Value = letter.Value,
                Timestamp = new Timestamp(Epoch.AddSeconds(letter.Second)),
                Headers =
                [
                    Header(DeadLetterHeaders.Reason, letter.Reason),
                    Header(DeadLetterHeaders.Detail, letter.Detail),
                    Header(DeadLetterHeaders.Stage, letter.Stage),
                    Header(DeadLetterHeaders.SourceTopic, "metrics.raw"),
                    Header(DeadLetterHeaders.SourcePartition, "7"),
                    Header(DeadLetterHeaders.SourceOffset, (1000 + letter.Second).ToString(CultureInfo.InvariantCulture)),
                ],
            });
        }

        producer.Flush(TimeSpan.FromSeconds(10));
    }

    public void Dispose() => _kafka.Dispose();

    private static Header Header(string key, string value) => new(key, Encoding.UTF8.GetBytes(value));
}

/// <summary>A dead letter to produce: written at <see cref="DeadLetterKafka.Epoch"/> plus <paramref name="Second"/> seconds.</summary>
internal sealed record Letter(int Second, int Partition, string Reason, string Stage = "normalize-metrics", string Detail = "value is NaN")
{
    public byte[] Value { get; init; } = Encoding.ASCII.GetBytes($"sample-{Second}");
}
