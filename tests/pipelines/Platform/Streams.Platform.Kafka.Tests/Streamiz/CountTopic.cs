using Confluent.Kafka;

namespace Streams.Platform.Kafka.Tests.Streamiz;

/// <summary>Reads a counting topology's output topic, as the Streamiz tests check what a stream wrote.</summary>
internal static class CountTopic
{
    /// <summary>The latest value of <paramref name="key"/> on <paramref name="topic"/>, waiting up to 60 s for <paramref name="expected"/>.</summary>
    public static async Task<string?> LatestAsync(string bootstrapServers, string topic, string key, string expected)
    {
        using var consumer = new ConsumerBuilder<string, string>(new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = "reader-" + Guid.NewGuid().ToString("N"),
            AutoOffsetReset = AutoOffsetReset.Earliest,
        }).Build();
        consumer.Subscribe(topic);
        string? latest = null;
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (latest != expected && DateTime.UtcNow < deadline)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is { Message.Key: var k } result && k == key)
            {
                latest = result.Message.Value;
            }

            await Task.Yield();
        }

        return latest;
    }
}
