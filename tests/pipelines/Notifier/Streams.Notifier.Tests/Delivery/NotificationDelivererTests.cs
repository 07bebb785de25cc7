using System.Diagnostics;
using System.Net;
using io.streams.avro;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Streams.Alerting.Notifications;
using Streams.Notifier.Channels;
using Streams.Notifier.Delivery;

namespace Streams.Notifier.Tests.Delivery;

public sealed class NotificationDelivererTests : IAsyncLifetime, IDisposable
{
    private readonly NotifierHttp http = TestData.LoopbackHttp();
    private readonly MemoryAudit audit = new();
    private readonly NotificationLedger ledger = new();
    private HttpReceiver receiver = null!;

    public async Task InitializeAsync() => receiver = await HttpReceiver.StartAsync();

    public async Task DisposeAsync() => await receiver.DisposeAsync();

    public void Dispose() => http.Dispose();

    [Fact]
    public async Task DeliverAsync_TwoFailuresThenSuccess_RetriesAndAuditsEveryAttempt()
    {
        receiver.Respond = call => call <= 2 ? HttpStatusCode.ServiceUnavailable : HttpStatusCode.OK;
        using var deliverer = Deliverer(TestData.Options());
        var request = Request($$"""{ "type": "slack", "url": "{{receiver.Url}}x" }""");

        await deliverer.DeliverAsync(request, CancellationToken.None);

        Assert.Equal(3, receiver.Requests.Count);
        Assert.Equal(
            [(NotificationStatus.PENDING, 1), (NotificationStatus.PENDING, 2), (NotificationStatus.SENT, 3)],
            audit.Records.Select(r => (r.status, r.attempt)));
        Assert.All(audit.Records.Take(2), r => Assert.NotNull(r.nextAttemptAt));
        Assert.Contains("503", audit.Records[0].error, StringComparison.Ordinal);
        Assert.NotNull(audit.Records[2].sentAt);
        Assert.True(request.Completion.Task.IsCompletedSuccessfully);
        Assert.True(ledger.WasDelivered(request.Records[0].id));
    }

    [Fact]
    public async Task DeliverAsync_Refused_FailsWithoutRetry()
    {
        receiver.Respond = _ => HttpStatusCode.NotFound;
        using var deliverer = Deliverer(TestData.Options());

        await deliverer.DeliverAsync(Request($$"""{ "type": "slack", "url": "{{receiver.Url}}gone" }"""), CancellationToken.None);

        Assert.Single(receiver.Requests);
        var record = Assert.Single(audit.Records);
        Assert.Equal((NotificationStatus.FAILED, 1), (record.status, record.attempt));
        Assert.Contains("404", record.error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeliverAsync_WebhookToLoopbackWithoutAllowList_AuditedFailedTargetRefusedOnceAndNothingSent()
    {
        var options = TestData.Options();
        using var guarded = new NotifierHttp(options);
        using var deliverer = new NotificationDeliverer([new WebhookChannel(guarded, options)], audit, ledger, options, TimeProvider.System, NullLogger<NotificationDeliverer>.Instance);
        var request = Request($$"""{ "type": "webhook", "url": "{{receiver.Url}}hook" }""");

        await deliverer.DeliverAsync(request, CancellationToken.None);

        Assert.Empty(receiver.Requests);
        var record = Assert.Single(audit.Records);
        Assert.Equal((NotificationStatus.FAILED, 1), (record.status, record.attempt));
        Assert.Equal("target-refused: 127.0.0.1 is loopback", record.error);
        Assert.True(request.Completion.Task.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task DeliverAsync_AlwaysFailing_GivesUpAfterRetryCount()
    {
        receiver.Respond = _ => HttpStatusCode.BadGateway;
        using var deliverer = Deliverer(TestData.Options(o => o.RetryCount = 2));

        await deliverer.DeliverAsync(Request($$"""{ "type": "slack", "url": "{{receiver.Url}}x" }"""), CancellationToken.None);

        Assert.Equal(3, receiver.Requests.Count);
        Assert.Equal((NotificationStatus.FAILED, 3), (audit.Records[^1].status, audit.Records[^1].attempt));
    }

    [Fact]
    public async Task DeliverAsync_ChannelDownForManyAttempts_KeepsTryingWithCappedWaitsAndSendsOnce()
    {
        // A receiver away for longer than a few doublings of the first delay: the waits stop
        // growing at RetryMaxDelay, and the notification goes out once when it is back.
        receiver.Respond = call => call <= 8 ? HttpStatusCode.ServiceUnavailable : HttpStatusCode.OK;
        using var deliverer = Deliverer(TestData.Options(o => (o.RetryCount, o.RetryBaseDelay, o.RetryMaxDelay) = (10, TimeSpan.FromMilliseconds(5), TimeSpan.FromMilliseconds(40))));

        await deliverer.DeliverAsync(Request($$"""{ "type": "slack", "url": "{{receiver.Url}}x" }"""), CancellationToken.None);

        Assert.Equal(9, receiver.Requests.Count);
        Assert.Equal((NotificationStatus.SENT, 9), (audit.Records[^1].status, audit.Records[^1].attempt));
        Assert.Single(audit.Records, r => r.status == NotificationStatus.SENT);
        var waits = audit.Records.Where(r => r.status == NotificationStatus.PENDING && r.nextAttemptAt is not null)
            .Select(r => r.nextAttemptAt!.Value - r.updatedAt).ToList();
        Assert.Equal(8, waits.Count);
        Assert.All(waits, w => Assert.InRange(w, TimeSpan.Zero, TimeSpan.FromMilliseconds(41)));
    }

    [Fact]
    public async Task DeliverAsync_OverRateLimit_WaitsForTheNextTokenAndAuditsTheDelay()
    {
        // 60 a minute: a burst of 60, then one token a second; deliveries outrun the refill, so one soon waits.
        using var deliverer = Deliverer(TestData.Options(o => o.RateLimitsPerMinute = new() { ["slack"] = 60 }));
        var requests = new List<DeliveryRequest>();
        while (requests.Count < 120 && !audit.Records.Any(r => r.status == NotificationStatus.PENDING))
        {
            requests.Add(Request($$"""{ "type": "slack", "url": "{{receiver.Url}}x" }""", "fp-" + requests.Count));
            await deliverer.DeliverAsync(requests[^1], CancellationToken.None);
        }

        Assert.InRange(requests.Count, 61, 119);
        Assert.Equal(requests.Count, receiver.Requests.Count);
        Assert.All(requests, r => Assert.True(r.Completion.Task.IsCompletedSuccessfully));
        Assert.DoesNotContain(audit.Records, r => r.status == NotificationStatus.SUPPRESSED);
        var late = audit.Records.Where(r => r.id == requests[^1].Records[0].id).ToList();
        Assert.Equal([NotificationStatus.PENDING, NotificationStatus.SENT], late.Select(r => r.status));
        Assert.Equal("rate limit: more than 60 slack notifications per minute, delayed", late[0].error);
        Assert.NotNull(late[0].nextAttemptAt);
    }

    [Fact]
    public async Task DeliverAsync_StoppedWhileWaitingForTheRateLimit_StaysPendingForTheNextRun()
    {
        using var deliverer = Deliverer(TestData.Options(o => o.RateLimitsPerMinute = new() { ["slack"] = 1 }));
        await deliverer.DeliverAsync(Request($$"""{ "type": "slack", "url": "{{receiver.Url}}x" }""", "fp-first"), CancellationToken.None);
        using var stop = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var waiting = Request($$"""{ "type": "slack", "url": "{{receiver.Url}}x" }""", "fp-waiting");

        await deliverer.DeliverAsync(waiting, stop.Token);

        Assert.Single(receiver.Requests);
        Assert.True(waiting.Completion.Task.IsCanceled);
        Assert.Equal(NotificationStatus.PENDING, Assert.Single(audit.Records, r => r.id == waiting.Records[0].id).status);
    }

    [Fact]
    public async Task Queues_DeadChannel_DoesNotDelayAnother()
    {
        await using var dead = await HttpReceiver.StartAsync();
        dead.Delay = TimeSpan.FromSeconds(20);
        using var stop = new CancellationTokenSource();
        var options = TestData.Options(o => o.AttemptTimeout = TimeSpan.FromSeconds(30));
        using var deliverer = Deliverer(options);
        var queues = new DeliveryQueues(deliverer);
        queues.Start(stop.Token);
        var stuck = Request($$"""{ "type": "webhook", "url": "{{dead.Url}}hook" }""", "fp-dead");
        var healthy = Request($$"""{ "type": "slack", "url": "{{receiver.Url}}x" }""", "fp-ok");
        var clock = Stopwatch.StartNew();

        queues.Enqueue(stuck);
        await dead.WaitForAsync(1);
        queues.Enqueue(healthy);
        await healthy.Completion.Task.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"the healthy channel took {clock.Elapsed}");
        Assert.False(stuck.Completion.Task.IsCompleted);
        Assert.Equal(NotificationStatus.SENT, Assert.Single(audit.Records).status);
        await stop.CancelAsync();
        await queues.DrainAsync();
        Assert.True(stuck.Completion.Task.IsCanceled);
    }

    [Fact]
    public async Task Queues_DeadWebhook_DoesNotDelayAnotherWebhook()
    {
        await using var dead = await HttpReceiver.StartAsync();
        dead.Respond = _ => HttpStatusCode.ServiceUnavailable;
        using var stop = new CancellationTokenSource();
        var options = TestData.Options(o => (o.RetryCount, o.RetryBaseDelay, o.RetryMaxDelay) = (12, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30)));
        using var deliverer = Deliverer(options);
        var queues = new DeliveryQueues(deliverer);
        queues.Start(stop.Token);

        // More deliveries to the dead receiver than a channel type had workers, all retrying.
        var stuck = Enumerable.Range(0, 8).Select(i => Request($$"""{ "type": "webhook", "url": "{{dead.Url}}hook" }""", $"fp-dead-{i}")).ToList();
        stuck.ForEach(queues.Enqueue);
        await dead.WaitForAsync(1);
        var clock = Stopwatch.StartNew();
        var healthy = Request($$"""{ "type": "webhook", "url": "{{receiver.Url}}hook" }""", "fp-ok");
        queues.Enqueue(healthy);
        await healthy.Completion.Task.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"the healthy webhook took {clock.Elapsed}");
        Assert.All(stuck, s => Assert.False(s.Completion.Task.IsCompleted));
        Assert.Equal(NotificationStatus.SENT, Assert.Single(audit.Records, r => r.id == healthy.Records[0].id).status);
        await stop.CancelAsync();
        await queues.DrainAsync();
    }

    [Fact]
    public async Task Queues_OneTarget_DeliversInOrderThroughRetries()
    {
        // The first delivery fails twice and is retried; the second must not overtake it, as a
        // RESOLVED sent while its FIRING is being retried would leave the receiver firing.
        receiver.Respond = call => call <= 2 ? HttpStatusCode.ServiceUnavailable : HttpStatusCode.OK;
        using var stop = new CancellationTokenSource();
        var options = TestData.Options(o => (o.RetryBaseDelay, o.RetryMaxDelay) = (TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(200)));
        using var deliverer = Deliverer(options);
        var queues = new DeliveryQueues(deliverer);
        queues.Start(stop.Token);
        var first = Request($$"""{ "type": "webhook", "url": "{{receiver.Url}}hook" }""", "fp-first");
        var second = Request($$"""{ "type": "webhook", "url": "{{receiver.Url}}hook" }""", "fp-second");

        queues.Enqueue(first);
        queues.Enqueue(second);
        await Task.WhenAll(first.Completion.Task, second.Completion.Task).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(4, receiver.Requests.Count);
        Assert.Equal(
            ["fp-first", "fp-second"],
            audit.Records.Where(r => r.status == NotificationStatus.SENT).OrderBy(r => r.sentAt).Select(r => r.alertFingerprint));
        Assert.Contains("fp-second", receiver.Requests[3].Text, StringComparison.Ordinal);
        await stop.CancelAsync();
        await queues.DrainAsync();
    }

    private NotificationDeliverer Deliverer(IOptions<NotifierOptions> options) => new(
        [new SlackChannel(http), new WebhookChannel(http, options)], audit, ledger, options, TimeProvider.System, NullLogger<NotificationDeliverer>.Instance);

    private static DeliveryRequest Request(string channelJson, string fingerprint = "fp-1")
    {
        var preference = TestData.Preference(channelJson);
        var alert = TestData.Alert(fingerprint);
        var channel = preference.Channels[0];
        var record = new Notification
        {
            id = NotificationId.For(alert.fingerprint, alert.state, alert.startsAt, channel.Type, channel.Recipient),
            alertFingerprint = alert.fingerprint,
            alertState = alert.state,
            severity = alert.severity,
            channel = channel.Type.ToAvro(),
            recipient = channel.Recipient,
            status = NotificationStatus.PENDING,
            createdAt = DateTime.UtcNow,
            updatedAt = DateTime.UtcNow,
        };
        return new DeliveryRequest(TestData.Message(preference, alert), channel, [record]);
    }
}
