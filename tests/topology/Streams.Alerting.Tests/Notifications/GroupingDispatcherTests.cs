using io.streams.avro;
using Streams.Alerting.Notifications;

namespace Streams.Alerting.Tests.Notifications;

public sealed class GroupingDispatcherTests
{
    private readonly ManualClock clock = new(new DateTimeOffset(Alerts.EpisodeStart));

    [Fact]
    public void Tick_DefaultGroupWait_FirstAlertGoesOutAtOnce()
    {
        var dispatcher = new GroupingDispatcher(clock);
        dispatcher.Add(Alerts.Make(), Alerts.Email());

        var batch = Assert.Single(dispatcher.Tick());

        Assert.False(batch.IsRepeat);
        Assert.Equal(AlertState.FIRING, batch.Status);
        Assert.Equal("fp-1", Assert.Single(batch.Alerts).fingerprint);
    }

    [Fact]
    public void Tick_GroupWait_CollectsAlertsOfTheGroupIntoOneNotification()
    {
        var preference = Alerts.Email(""", "groupBy": ["group"], "groupWait": "30s" """);
        var dispatcher = new GroupingDispatcher(clock);
        dispatcher.Add(Alerts.Make("fp-1", host: "web-1"), preference);
        Assert.Empty(dispatcher.Tick());

        clock.Advance(TimeSpan.FromSeconds(10));
        dispatcher.Add(Alerts.Make("fp-2", host: "web-2"), preference);
        Assert.Empty(dispatcher.Tick());

        clock.Advance(TimeSpan.FromSeconds(20));
        var batch = Assert.Single(dispatcher.Tick());
        Assert.Equal(["fp-1", "fp-2"], batch.Alerts.Select(a => a.fingerprint));
        Assert.Equal("web", batch.GroupLabels["group"]);
    }

    [Fact]
    public void Tick_ChangeAfterFirstNotification_WaitsForGroupInterval()
    {
        var preference = Alerts.Email(""", "groupBy": ["group"], "groupInterval": "1m" """);
        var dispatcher = new GroupingDispatcher(clock);
        dispatcher.Add(Alerts.Make("fp-1"), preference);
        Assert.Single(dispatcher.Tick());

        clock.Advance(TimeSpan.FromSeconds(5));
        dispatcher.Add(Alerts.Make("fp-2", host: "web-2"), preference);
        Assert.Empty(dispatcher.Tick());

        clock.Advance(TimeSpan.FromSeconds(55));
        var batch = Assert.Single(dispatcher.Tick());
        Assert.Equal(["fp-1", "fp-2"], batch.Alerts.Select(a => a.fingerprint));
    }

    [Fact]
    public void Tick_UnchangedGroup_RepeatsOnlyAfterRepeatInterval()
    {
        var preference = Alerts.Email(""", "groupInterval": "1m", "repeatInterval": "10m" """);
        var dispatcher = new GroupingDispatcher(clock);
        dispatcher.Add(Alerts.Make(), preference);
        Assert.Single(dispatcher.Tick());

        // The same firing alert again (a value update) is no change.
        dispatcher.Add(Alerts.Make(), preference);
        for (var minute = 1; minute < 10; minute++)
        {
            clock.Advance(TimeSpan.FromMinutes(1));
            Assert.Empty(dispatcher.Tick());
        }

        clock.Advance(TimeSpan.FromMinutes(1));
        var repeat = Assert.Single(dispatcher.Tick());
        Assert.True(repeat.IsRepeat);
        Assert.Equal(1, repeat.RepeatNumber(repeat.Alerts[0]));
    }

    [Fact]
    public void Tick_Resolved_NotifiedOnceThenGroupEnds()
    {
        var preference = Alerts.Email();
        var dispatcher = new GroupingDispatcher(clock);
        dispatcher.Add(Alerts.Make(), preference);
        Assert.Single(dispatcher.Tick());

        clock.Advance(TimeSpan.FromMinutes(1));
        dispatcher.Add(Alerts.Make(state: AlertState.RESOLVED), preference);
        var resolved = Assert.Single(dispatcher.Tick());

        Assert.Equal(AlertState.RESOLVED, resolved.Status);
        Assert.Equal(0, dispatcher.GroupCount);
        clock.Advance(TimeSpan.FromHours(5));
        Assert.Empty(dispatcher.Tick());
    }

    [Fact]
    public void Add_AcknowledgedWithoutAckNotifications_StopsRepeatsSilently()
    {
        var preference = Alerts.Email();
        var dispatcher = new GroupingDispatcher(clock);
        dispatcher.Add(Alerts.Make(), preference);
        Assert.Single(dispatcher.Tick());

        dispatcher.Add(Alerts.Make(state: AlertState.ACKNOWLEDGED), preference);
        clock.Advance(TimeSpan.FromHours(5));

        Assert.Empty(dispatcher.Tick());
        Assert.Equal(0, dispatcher.GroupCount);
    }

    [Fact]
    public void Add_Pending_CreatesNoGroup()
    {
        var dispatcher = new GroupingDispatcher(clock);
        dispatcher.Add(Alerts.Make(state: AlertState.PENDING), Alerts.Email());

        Assert.Empty(dispatcher.Tick());
        Assert.Equal(0, dispatcher.GroupCount);
    }

    [Fact]
    public async Task Add_GroupWait_HoldsTheRecordUntilItsNotificationIsSettled()
    {
        var preference = Alerts.Email(""", "groupBy": ["group"], "groupWait": "30s" """);
        var dispatcher = new GroupingDispatcher(clock);
        var first = dispatcher.Add(Alerts.Make("fp-1", host: "web-1"), preference);
        var second = dispatcher.Add(Alerts.Make("fp-2", host: "web-2"), preference);
        Assert.Empty(dispatcher.Tick());

        clock.Advance(TimeSpan.FromSeconds(30));
        var batch = Assert.Single(dispatcher.Tick());
        Assert.False(first.IsCompleted);
        Assert.Equal(2, batch.Changes.Count);

        var delivered = new TaskCompletionSource();
        batch.Changes.SettleWhen(delivered.Task);
        Assert.False(second.IsCompleted);
        delivered.SetResult();

        await Task.WhenAll(first, second).WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Add_ChangeDuringGroupInterval_WaitsForTheNextNotificationNotTheCurrentOne()
    {
        var preference = Alerts.Email(""", "groupBy": ["group"], "groupInterval": "1m" """);
        var dispatcher = new GroupingDispatcher(clock);
        _ = dispatcher.Add(Alerts.Make("fp-1"), preference);
        var first = Assert.Single(dispatcher.Tick());

        var later = dispatcher.Add(Alerts.Make("fp-2", host: "web-2"), preference);
        first.Changes.SettleWhen(Task.CompletedTask);
        Assert.False(later.IsCompleted);

        clock.Advance(TimeSpan.FromMinutes(1));
        var next = Assert.Single(dispatcher.Tick());
        next.Changes.SettleWhen(Task.CompletedTask);
        await later.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void SettleWhen_DeliveryStoppedMidway_LeavesTheRecordUnsettled()
    {
        var dispatcher = new GroupingDispatcher(clock);
        var held = dispatcher.Add(Alerts.Make(), Alerts.Email());
        var batch = Assert.Single(dispatcher.Tick());

        batch.Changes.SettleWhen(Task.FromCanceled(new CancellationToken(canceled: true)));

        Assert.True(held.IsCanceled);
    }

    [Fact]
    public void Add_NoChange_HoldsNothing()
    {
        var preference = Alerts.Email(""", "groupWait": "30s" """);
        var dispatcher = new GroupingDispatcher(clock);
        var first = dispatcher.Add(Alerts.Make(), preference);

        var again = dispatcher.Add(Alerts.Make(), preference);

        Assert.False(first.IsCompleted);
        Assert.True(again.IsCompletedSuccessfully);
    }

    [Fact]
    public void Add_SilentResolveEmptiesTheGroup_ReleasesTheHeldFiring()
    {
        var preference = Alerts.Email(""", "groupWait": "30s", "notifyResolved": false """);
        var dispatcher = new GroupingDispatcher(clock);
        var firing = dispatcher.Add(Alerts.Make(), preference);

        var resolved = dispatcher.Add(Alerts.Make(state: AlertState.RESOLVED), preference);

        Assert.True(firing.IsCompletedSuccessfully);
        Assert.True(resolved.IsCompletedSuccessfully);
        Assert.Equal(0, dispatcher.GroupCount);
    }

    [Fact]
    public void Follow_PreferenceDeleted_DropsTheGroupAndReleasesWhatItHeld()
    {
        var kept = Alerts.Preference("""{ "team": "db", "channels": [ { "type": "email", "address": "db@example.com" } ], "groupWait": "30s" }""", "p2");
        var dispatcher = new GroupingDispatcher(clock);
        var deleted = dispatcher.Add(Alerts.Make(), Alerts.Email(""", "groupWait": "30s" """));
        var waiting = dispatcher.Add(Alerts.Make(), kept);

        dispatcher.Follow([kept]);

        Assert.True(deleted.IsCompletedSuccessfully);
        Assert.False(waiting.IsCompleted);
        Assert.Equal(1, dispatcher.GroupCount);
        clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal("p2", Assert.Single(dispatcher.Tick()).Preference.Id);
    }

    [Fact]
    public void Follow_PreferenceDisabled_DropsTheGroupAndReleasesWhatItHeld()
    {
        var dispatcher = new GroupingDispatcher(clock);
        var held = dispatcher.Add(Alerts.Make(), Alerts.Email(""", "groupWait": "30s" """));

        dispatcher.Follow([Alerts.Email(""", "groupWait": "30s", "enabled": false """)]);

        Assert.True(held.IsCompletedSuccessfully);
        Assert.Equal(0, dispatcher.GroupCount);
    }

    [Fact]
    public void Follow_PreferenceEdited_TheHeldChangeGoesToTheNewChannels()
    {
        var dispatcher = new GroupingDispatcher(clock);
        var held = dispatcher.Add(Alerts.Make(), Alerts.Email(""", "groupWait": "30s" """));
        var edited = Alerts.Preference("""{ "team": "web", "channels": [ { "type": "email", "address": "oncall@example.com" } ], "groupWait": "30s" }""");

        dispatcher.Follow([edited]);
        clock.Advance(TimeSpan.FromSeconds(30));

        var batch = Assert.Single(dispatcher.Tick());
        Assert.Equal("oncall@example.com", Assert.Single(batch.Preference.Channels).Address);
        Assert.False(held.IsCompleted);
        Assert.Equal(1, batch.Changes.Count);
    }
}
