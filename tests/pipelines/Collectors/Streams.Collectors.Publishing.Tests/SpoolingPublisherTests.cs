using io.streams.avro;
using Microsoft.Extensions.Logging.Abstractions;

namespace Streams.Collectors.Publishing.Tests;

public sealed class SpoolingPublisherTests(KafkaFixture kafka) : IClassFixture<KafkaFixture>, IDisposable
{
    private readonly string _spool = Samples.TempDirectory();

    [Fact]
    public async Task RunAsync_BrokerUp_DeliversAvroInConfluentWireFormatInOrderAndEmptiesTheSpool()
    {
        var topic = kafka.NewTopic();
        using (var publisher = NewPublisher(topic))
        {
            for (var i = 0; i < 2_000; i++)
            {
                publisher.Publish(Samples.Host, Samples.Numbered(i));
            }

            await RunUntilAsync(publisher, () => publisher.AcknowledgedRecords == 2_000);
            Assert.Equal(0, publisher.PendingRecords);
        }

        var records = kafka.ConsumeAll<MetricSample>(topic, TimeSpan.FromSeconds(2));
        Assert.Equal(Enumerable.Range(0, 2_000).Select(i => (double)i), records.Select(r => r.Value.value));
        Assert.All(records, r => Assert.Equal(Samples.Host, r.Key));
        Assert.Equal("x", records[0].Value.tags["n"]);
    }

    [Fact]
    public async Task RunAsync_AfterRestart_DoesNotResendAcknowledgedRecords()
    {
        var topic = kafka.NewTopic();
        using (var publisher = NewPublisher(topic))
        {
            for (var i = 0; i < 100; i++)
            {
                publisher.Publish(Samples.Host, Samples.Numbered(i));
            }

            await RunUntilAsync(publisher, () => publisher.AcknowledgedRecords == 100);
        }

        using (var restarted = NewPublisher(topic))
        {
            Assert.Equal(0, restarted.PendingRecords);
            restarted.Publish(Samples.Host, Samples.Numbered(100));
            await RunUntilAsync(restarted, () => restarted.AcknowledgedRecords == 1);
        }

        var values = kafka.ConsumeAll<MetricSample>(topic, TimeSpan.FromSeconds(2)).Select(r => r.Value.value);
        Assert.Equal(Enumerable.Range(0, 101).Select(i => (double)i), values);
    }

    [Fact]
    public async Task RunAsync_BrokerUnreachable_KeepsEverythingInTheSpool()
    {
        using var registry = kafka.NewRegistryClient();
        using var publisher = new SpoolingPublisher<MetricSample>(
            new PublishingOptions { SpoolPath = _spool, MessageTimeoutMs = 1_000 }, kafka.NewTopic(), "127.0.0.1:9", registry, NullLogger.Instance);
        for (var i = 0; i < 50; i++)
        {
            publisher.Publish(Samples.Host, Samples.Numbered(i));
        }

        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(3));
        await publisher.RunAsync(stop.Token);

        Assert.Equal(0, publisher.AcknowledgedRecords);
        Assert.Equal(50, publisher.PendingRecords);
    }

    [Fact]
    public async Task RunAsync_RecordTooLargeForKafka_IsRejectedCountedAndDoesNotBlockTheNext()
    {
        var topic = kafka.NewTopic();
        using (var publisher = NewPublisher(topic))
        {
            var huge = Samples.Numbered(0);
            huge.tags = new Dictionary<string, string> { ["blob"] = new string('x', 2_000_000) };
            publisher.Publish(Samples.Host, huge);
            publisher.Publish(Samples.Host, Samples.Numbered(1));

            await RunUntilAsync(publisher, () => publisher.AcknowledgedRecords == 2);
            Assert.Equal(1, publisher.RejectedRecords);
            Assert.Equal(0, publisher.PendingRecords);
        }

        Assert.Equal([1d], kafka.ConsumeAll<MetricSample>(topic, TimeSpan.FromSeconds(2)).Select(r => r.Value.value));
    }

    public void Dispose() => Directory.Delete(_spool, recursive: true);

    private SpoolingPublisher<MetricSample> NewPublisher(string topic) =>
        new(new PublishingOptions { SpoolPath = _spool, LingerMs = 5 }, topic, kafka.BootstrapServers, kafka.NewRegistryClient(), NullLogger.Instance);

    internal static async Task RunUntilAsync(SpoolingPublisher<MetricSample> publisher, Func<bool> done)
    {
        using var stop = new CancellationTokenSource();
        var running = publisher.RunAsync(stop.Token);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!done() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        await stop.CancelAsync();
        await running;
        Assert.True(done(), "The publisher did not reach the expected state within 30 s.");
    }
}
