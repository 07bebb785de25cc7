using System.Threading.RateLimiting;
using io.streams.avro;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using Streams.Alerting.Notifications;
using Streams.Notifier.Channels;

namespace Streams.Notifier.Delivery;

/// <summary>
/// Delivers one request over its channel: the channel type's rate limit first (over it, the
/// delivery waits for the next token, audited PENDING with the reason and the expected time),
/// then the channel's resilience pipeline (a timeout per attempt inside exponential-backoff
/// retries). Every failed attempt is audited PENDING with its error and the next attempt's time,
/// the outcome SENT or FAILED.
/// </summary>
internal sealed partial class NotificationDeliverer : IDisposable
{
    private static readonly ResiliencePropertyKey<Attempts> AttemptsKey = new("streams.notifier.attempts");
    private readonly Dictionary<ChannelType, Lane> lanes = [];
    private readonly INotificationAudit audit;
    private readonly NotificationLedger ledger;
    private readonly TimeProvider clock;
    private readonly ILogger logger;

    public NotificationDeliverer(
        IEnumerable<INotificationChannel> channels,
        INotificationAudit audit,
        NotificationLedger ledger,
        IOptions<NotifierOptions> options,
        TimeProvider clock,
        ILogger<NotificationDeliverer> logger)
    {
        ArgumentNullException.ThrowIfNull(channels);
        ArgumentNullException.ThrowIfNull(options);
        this.audit = audit;
        this.ledger = ledger;
        this.clock = clock;
        this.logger = logger;
        var settings = options.Value;
        foreach (var channel in channels)
        {
            var builder = new ResiliencePipelineBuilder { TimeProvider = clock };
            if (settings.RetryCount > 0)
            {
                builder.AddRetry(new RetryStrategyOptions
                {
                    MaxRetryAttempts = settings.RetryCount,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    Delay = settings.RetryBaseDelay,
                    MaxDelay = settings.RetryMaxDelay,
                    ShouldHandle = new PredicateBuilder().Handle<Exception>(ex => ex is not PermanentDeliveryException and not OperationCanceledException),
                    OnRetry = OnRetryAsync,
                });
            }

            var pipeline = builder.AddTimeout(settings.AttemptTimeout).Build();
            var limiter = settings.RateLimitsPerMinute.TryGetValue(channel.Type.Name(), out var perMinute) && perMinute > 0 ? Limiter(perMinute) : null;
            lanes[channel.Type] = new Lane(channel, pipeline, limiter, perMinute);
        }
    }

    public IEnumerable<ChannelType> ChannelTypes => lanes.Keys;

    /// <summary>Delivers and audits; completes <see cref="DeliveryRequest.Completion"/> unless stopped midway, when the records stay PENDING for the next run.</summary>
    public async Task DeliverAsync(DeliveryRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            await DeliverCoreAsync(request, cancellationToken).ConfigureAwait(false);
            request.Completion.TrySetResult();
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            request.Completion.TrySetCanceled(cancellationToken);
        }
    }

    public void Dispose()
    {
        foreach (var lane in lanes.Values)
        {
            lane.Limiter?.Dispose();
        }
    }

    private static TokenBucketRateLimiter Limiter(int perMinute) => new(new TokenBucketRateLimiterOptions
    {
        // A minute's worth may go out in a burst, then the bucket refills evenly. Those over it
        // wait in turn, one per target of the channel type (DeliveryQueues); past a minute's worth
        // of waiting targets a delivery is suppressed, as it would wait longer than a minute.
        TokenLimit = perMinute,
        TokensPerPeriod = perMinute >= 60 ? perMinute / 60 : 1,
        ReplenishmentPeriod = perMinute >= 60 ? TimeSpan.FromSeconds(1) : TimeSpan.FromMinutes(1) / perMinute,
        QueueLimit = perMinute,
        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        AutoReplenishment = true,
    });

    private async Task DeliverCoreAsync(DeliveryRequest request, CancellationToken cancellationToken)
    {
        var type = request.Target.Type;
        if (!lanes.TryGetValue(type, out var lane))
        {
            await FinishAsync(request, NotificationStatus.FAILED, 0, $"no {type.Name()} channel is registered", cancellationToken).ConfigureAwait(false);
            return;
        }

        if (lane.Limiter is { } limiter)
        {
            using var lease = await TakeTokenAsync(request, lane, limiter, cancellationToken).ConfigureAwait(false);
            if (!lease.IsAcquired)
            {
                await FinishAsync(request, NotificationStatus.SUPPRESSED, 0, $"rate limit: more than {lane.PerMinute} {type.Name()} notifications per minute, and a minute's worth already waiting", cancellationToken).ConfigureAwait(false);
                return;
            }
        }

        var attempts = new Attempts(this, request);
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(AttemptsKey, attempts);
        try
        {
            await lane.Pipeline.ExecuteAsync(
                static async (ctx, state) =>
                {
                    state.Attempts.Count++;
                    await state.Channel.SendAsync(state.Attempts.Request.Message, state.Attempts.Request.Target, ctx.CancellationToken).ConfigureAwait(false);
                },
                context,
                (Attempts: attempts, lane.Channel)).ConfigureAwait(false);
            LogSent(type.Name(), request.Target.Recipient, request.Message.Title, attempts.Count);
            await FinishAsync(request, NotificationStatus.SENT, attempts.Count, null, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Whatever the channel threw, the outcome is audited with the reason and logged.
            LogFailed(type.Name(), request.Target.Recipient, attempts.Count, ex.Message);
            await FinishAsync(request, NotificationStatus.FAILED, attempts.Count, Reason(ex), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <summary>
    /// A token at once, or after the wait the limiter predicts: the wait is audited, so a late
    /// notification says why, and a stop during it leaves the records PENDING for the next run.
    /// </summary>
    private async Task<RateLimitLease> TakeTokenAsync(DeliveryRequest request, Lane lane, RateLimiter limiter, CancellationToken cancellationToken)
    {
        var lease = limiter.AttemptAcquire();
        if (lease.IsAcquired)
        {
            return lease;
        }

        var wait = lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.Zero;
        lease.Dispose();
        var type = request.Target.Type.Name();
        var error = $"rate limit: more than {lane.PerMinute} {type} notifications per minute, delayed";
        LogRateLimited(type, request.Target.Recipient, wait);
        var now = clock.GetUtcNow();
        await RecordAllAsync(audit, request, r => r.With(NotificationStatus.PENDING, 0, now.UtcDateTime, error, nextAttemptAt: (now + wait).UtcDateTime), cancellationToken).ConfigureAwait(false);
        return await limiter.AcquireAsync(1, cancellationToken).ConfigureAwait(false);
    }

    // A refused target's message is the reason itself (target-refused: …), which analysts filter on.
    private static string Reason(Exception ex) => ex is TargetRefusedException ? ex.Message : ex.GetType().Name + ": " + ex.Message;

    private static Task RecordAllAsync(INotificationAudit audit, DeliveryRequest request, Func<Notification, Notification> update, CancellationToken cancellationToken) =>
        Task.WhenAll(request.Records.Select(r => audit.RecordAsync(update(r), cancellationToken)));

    private async Task FinishAsync(DeliveryRequest request, NotificationStatus status, int attempt, string? error, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var record in request.Records)
        {
            ledger.Complete(record.id, status);
        }

        await RecordAllAsync(audit, request, r => r.With(status, attempt, now, error, sentAt: status == NotificationStatus.SENT ? now : null), cancellationToken).ConfigureAwait(false);
    }

    private static async ValueTask OnRetryAsync(OnRetryArguments<object> args)
    {
        var attempts = args.Context.Properties.GetValue(AttemptsKey, null!);
        var self = attempts.Deliverer;
        var now = self.clock.GetUtcNow();
        var error = args.Outcome.Exception is { } ex ? Reason(ex) : "failed";
        self.LogRetrying(attempts.Request.Target.Type.Name(), attempts.Request.Target.Recipient, args.AttemptNumber + 1, args.RetryDelay, error);
        await RecordAllAsync(
            self.audit,
            attempts.Request,
            r => r.With(NotificationStatus.PENDING, args.AttemptNumber + 1, now.UtcDateTime, error, nextAttemptAt: (now + args.RetryDelay).UtcDateTime),
            args.Context.CancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Notified {Channel} {Recipient}: {Title} (attempt {Attempt})")]
    private partial void LogSent(string channel, string recipient, string title, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Attempt {Attempt} to notify {Channel} {Recipient} failed, retrying in {Delay}: {Error}")]
    private partial void LogRetrying(string channel, string recipient, int attempt, TimeSpan delay, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rate limit of {Channel} reached, notifying {Recipient} in about {Wait}")]
    private partial void LogRateLimited(string channel, string recipient, TimeSpan wait);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not notify {Channel} {Recipient} after {Attempts} attempts: {Error}")]
    private partial void LogFailed(string channel, string recipient, int attempts, string error);

    private sealed record Lane(INotificationChannel Channel, ResiliencePipeline Pipeline, RateLimiter? Limiter, int PerMinute);

    private sealed class Attempts(NotificationDeliverer deliverer, DeliveryRequest request)
    {
        public NotificationDeliverer Deliverer { get; } = deliverer;

        public DeliveryRequest Request { get; } = request;

        public int Count { get; set; }
    }
}
