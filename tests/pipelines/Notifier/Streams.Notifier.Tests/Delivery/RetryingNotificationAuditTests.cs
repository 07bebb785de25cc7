using io.streams.avro;
using Microsoft.Extensions.Logging.Abstractions;
using Streams.Notifier.Delivery;

namespace Streams.Notifier.Tests.Delivery;

public sealed class RetryingNotificationAuditTests
{
    private readonly MemoryAudit inner = new();

    private RetryingNotificationAudit Audit() => new(inner, TestData.Options(), TimeProvider.System, NullLogger<RetryingNotificationAudit>.Instance);

    private static Notification Record(string id) => new() { id = id, alertFingerprint = "fp-1", status = NotificationStatus.SENT };

    [Fact]
    public async Task RecordAsync_KafkaUnreachableTwice_WrittenOnceItIsBack()
    {
        inner.FailNext = 2;

        await Audit().RecordAsync(Record("n-1"), CancellationToken.None);

        var record = Assert.Single(inner.Records);
        Assert.Equal("n-1", record.id);
        Assert.Equal(0, inner.FailNext);
    }

    [Fact]
    public async Task RecordAsync_Stopped_StopsRetrying()
    {
        inner.FailNext = int.MaxValue;
        using var stop = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Audit().RecordAsync(Record("n-2"), stop.Token));

        Assert.Empty(inner.Records);
    }

    [Fact]
    public async Task DeadLetterAsync_NotAKafkaFailure_NotRetried()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => Audit().DeadLetterAsync(new Confluent.Kafka.TopicPartitionOffset("alerts", 0, 7), [1], "reason", "detail", CancellationToken.None));

        Assert.Contains("unexpected dead letter", error.Message, StringComparison.Ordinal);
    }
}
