using Confluent.Kafka;
using Confluent.SchemaRegistry;
using io.streams.avro;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;

namespace Streams.Notifier.Delivery;

/// <summary>
/// Retries an audit write that failed because Kafka or the Schema Registry could not be reached,
/// with backoff up to 30 s, until it lands or the notifier stops. The alerts offsets wait for
/// every audit write, so one given up would hold its partition's offsets until a restart.
/// </summary>
internal sealed partial class RetryingNotificationAudit : INotificationAudit
{
    private readonly INotificationAudit inner;
    private readonly ResiliencePipeline retry;
    private readonly ILogger logger;

    public RetryingNotificationAudit(INotificationAudit inner, IOptions<NotifierOptions> options, TimeProvider clock, ILogger<RetryingNotificationAudit> logger)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(options);
        this.inner = inner;
        this.logger = logger;
        retry = new ResiliencePipelineBuilder { TimeProvider = clock }.AddRetry(new RetryStrategyOptions
        {
            MaxRetryAttempts = int.MaxValue,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = options.Value.RetryBaseDelay,
            MaxDelay = TimeSpan.FromSeconds(30),
            ShouldHandle = new PredicateBuilder().Handle<KafkaException>().Handle<SchemaRegistryException>().Handle<HttpRequestException>(),
            OnRetry = args =>
            {
                LogRetrying(args.RetryDelay, args.Outcome.Exception?.Message ?? "failed");
                return ValueTask.CompletedTask;
            },
        }).Build();
    }

    public Task RecordAsync(Notification record, CancellationToken cancellationToken) =>
        retry.ExecuteAsync(static (state, token) => new ValueTask(state.inner.RecordAsync(state.record, token)), (inner, record), cancellationToken).AsTask();

    public Task DeadLetterAsync(TopicPartitionOffset source, byte[] original, string reason, string detail, CancellationToken cancellationToken) =>
        retry.ExecuteAsync(
            static (state, token) => new ValueTask(state.inner.DeadLetterAsync(state.source, state.original, state.reason, state.detail, token)),
            (inner, source, original, reason, detail),
            cancellationToken).AsTask();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Writing to Kafka for the notifier failed, retrying in {Delay}: {Reason}")]
    private partial void LogRetrying(TimeSpan delay, string reason);
}
