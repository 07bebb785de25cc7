using System.Text;
using io.streams.avro;
using Microsoft.Extensions.Logging.Abstractions;
using Streams.Alerting.Notifications;
using Streams.Notifier.Delivery;

namespace Streams.Notifier.Tests.Delivery;

public sealed class NotificationPlannerTests
{
    private readonly PreferenceStore preferences = new(NullLogger<PreferenceStore>.Instance);
    private readonly NotificationLedger ledger = new();
    private readonly ManualClock clock = new(new DateTimeOffset(TestData.EpisodeStart));
    private readonly NotificationPlanner planner;

    public NotificationPlannerTests()
    {
        planner = new NotificationPlanner(preferences, ledger, clock, TestData.Options());
        Store("web", """{ "team": "web", "channels": [ { "type": "email", "address": "web@example.com" }, { "type": "dashboard", "address": "web" } ] }""");
    }

    [Fact]
    public void OnAlert_Firing_OneDeliveryPerChannelWithPendingRecords()
    {
        var plan = planner.OnAlert(TestData.Alert());

        Assert.Equal([ChannelType.Email, ChannelType.Dashboard], plan.Deliveries.Select(d => d.Target.Type));
        Assert.All(plan.Deliveries, d => Assert.Equal(NotificationStatus.PENDING, Assert.Single(d.Records).status));
    }

    [Fact]
    public void OnAlert_SameRecordAgain_NoSecondDelivery()
    {
        Assert.NotEmpty(planner.OnAlert(TestData.Alert()).Deliveries);

        Assert.True(planner.OnAlert(TestData.Alert()).IsEmpty);
    }

    [Fact]
    public void OnAlert_ReplayedAfterACrashBeforeTheSentRecord_SameDeliveryIdsAgain()
    {
        var first = planner.OnAlert(TestData.Alert()).Deliveries;
        // The restarted notifier's ledger: the PENDING records were read back, the SENT ones never written.
        var restarted = new NotificationLedger();
        foreach (var record in first.SelectMany(d => d.Records))
        {
            restarted.Observe(record.id, NotificationStatus.PENDING);
        }

        var again = new NotificationPlanner(preferences, restarted, clock, TestData.Options()).OnAlert(TestData.Alert()).Deliveries;
        var other = planner.OnAlert(TestData.Alert(fingerprint: "fp-2")).Deliveries;

        Assert.Equal(first.Select(d => d.Message.DeliveryId), again.Select(d => d.Message.DeliveryId));
        Assert.Equal(2, first.Select(d => d.Message.DeliveryId).Distinct().Count());
        Assert.Empty(first.Select(d => d.Message.DeliveryId).Intersect(other.Select(d => d.Message.DeliveryId)));
    }

    [Fact]
    public void OnAlert_LedgerKnowsItWasSent_NoDelivery()
    {
        var alert = TestData.Alert();
        ledger.Observe(NotificationId.For(alert.fingerprint, AlertState.FIRING, alert.startsAt, ChannelType.Email, "web@example.com"), NotificationStatus.SENT);

        var plan = planner.OnAlert(alert);

        Assert.Equal([ChannelType.Dashboard], plan.Deliveries.Select(d => d.Target.Type));
    }

    [Fact]
    public void OnAlert_ResolvedWithoutFiring_NotifiesNobody()
    {
        var plan = planner.OnAlert(TestData.Alert(state: AlertState.RESOLVED));

        Assert.Empty(plan.Deliveries);
        Assert.Empty(plan.Suppressed);
    }

    [Fact]
    public void OnAlert_ResolvedAfterFiring_GoesToTheFiringRecipients()
    {
        planner.OnAlert(TestData.Alert());

        var resolved = planner.OnAlert(TestData.Alert(state: AlertState.RESOLVED));
        Assert.Empty(resolved.Deliveries);
        clock.Advance(TimeSpan.FromMinutes(1));
        var plan = planner.OnTick();

        Assert.Equal(2, plan.Deliveries.Count);
        Assert.All(plan.Deliveries, d => Assert.Equal(AlertState.RESOLVED, d.Message.Status));
    }

    [Fact]
    public async Task OnAlert_HeldByGroupInterval_TheRecordWaitsForTheTickThatNotifiesIt()
    {
        planner.OnAlert(TestData.Alert());
        var held = Assert.Single(planner.OnAlert(TestData.Alert(state: AlertState.RESOLVED)).Held);

        clock.Advance(TimeSpan.FromMinutes(1));
        var due = Assert.Single(planner.OnTick().Due);
        due.Batch.Changes.SettleWhen(Task.WhenAll(due.Deliveries.Select(d => d.Completion.Task)));
        Assert.False(held.IsCompleted);
        foreach (var delivery in due.Deliveries)
        {
            delivery.Completion.SetResult();
        }

        await held.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void OnTick_PreferenceDeletedWhileItsGroupWaits_ReleasesTheRecord()
    {
        Store("web", """{ "team": "web", "channels": [ { "type": "email", "address": "web@example.com" } ], "groupWait": "30s" }""");
        var held = Assert.Single(planner.OnAlert(TestData.Alert()).Held);
        Assert.False(held.IsCompleted);

        preferences.Apply("preference:web", null);
        clock.Advance(TimeSpan.FromSeconds(30));

        Assert.True(planner.OnTick().IsEmpty);
        Assert.True(held.IsCompletedSuccessfully);
    }

    [Fact]
    public void OnAlert_Flapping_AuditedSuppressedOnce()
    {
        var flapping = TestData.Alert();
        flapping.flapping = true;

        var plan = planner.OnAlert(flapping);
        var again = planner.OnAlert(flapping);

        Assert.Empty(plan.Deliveries);
        Assert.Equal(2, plan.Suppressed.Count);
        Assert.All(plan.Suppressed, s => Assert.Equal(NotificationStatus.SUPPRESSED, s.status));
        Assert.True(again.IsEmpty);
    }

    [Fact]
    public void Store_InvalidUpdate_KeepsThePreviousVersion()
    {
        Store("web", """{ "team": "web", "channels": [ { "type": "email", "address": "not-an-address" } ] }""");

        Assert.Equal("web@example.com", Assert.Single(preferences.Current).Channels[0].Address);

        preferences.Apply("preference:web", null);
        Assert.Empty(preferences.Current);
    }

    private void Store(string id, string json) => preferences.Apply("preference:" + id, Encoding.UTF8.GetBytes(json));
}
