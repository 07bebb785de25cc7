using io.streams.avro;
using Microsoft.Extensions.Logging.Abstractions;
using Streams.Collectors.Publishing.Backoff;

namespace Streams.Collectors.Publishing.Tests;

public sealed class SpoolingPublisherBackoffTests(KafkaFixture kafka) : IClassFixture<KafkaFixture>, IDisposable
{
    private readonly string _spool = Samples.TempDirectory();

    [Fact]
    public async Task RunAsync_HeldBackThenReleased_RecordsWaitInTheSpoolThenAllArriveInOrder()
    {
        var topic = kafka.NewTopic();
        var gate = new Gate { HoldBack = true };
        using var registry = kafka.NewRegistryClient();
        using var publisher = new SpoolingPublisher<MetricSample>(
            new PublishingOptions { SpoolPath = _spool, LingerMs = 5 }, topic, kafka.BootstrapServers, registry, NullLogger.Instance, backpressure: gate);
        for (var i = 0; i < 100; i++)
        {
            publisher.Publish(Samples.Host, Samples.Numbered(i));
        }

        using var stop = new CancellationTokenSource();
        var running = publisher.RunAsync(stop.Token);
        // Held back, the loop never hands a record to the producer, so no wait is long enough for one to arrive.
        await Task.Delay(1_500);
        var whileHeld = (publisher.AcknowledgedRecords, publisher.PendingRecords);
        gate.HoldBack = false;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (publisher.AcknowledgedRecords < 100 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        await stop.CancelAsync();
        await running;

        Assert.Equal((0L, 100L), whileHeld);
        Assert.Equal(0, publisher.PendingRecords);
        Assert.Equal(Enumerable.Range(0, 100).Select(i => (double)i), kafka.ConsumeAll<MetricSample>(topic, TimeSpan.FromSeconds(2)).Select(r => r.Value.value));
    }

    public void Dispose() => Directory.Delete(_spool, recursive: true);

    private sealed class Gate : IBackpressure
    {
        private volatile bool _held;

        public bool HoldBack
        {
            get => _held;
            set => _held = value;
        }
    }
}
