using io.streams.avro;
using Streams.Alerting.Notifications;

namespace Streams.Alerting.Tests.Notifications;

public sealed class NotificationRouterTests
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 25, 11, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(AlertState.PENDING)]
    [InlineData(AlertState.UNKNOWN)]
    public void Route_Pending_NotifiesNobody(AlertState state)
    {
        var decision = NotificationRouter.Route(Alerts.Make(state: state), [Alerts.Email()], Noon);

        Assert.Empty(decision.Notify);
        Assert.Empty(decision.Suppressed);
    }

    [Fact]
    public void Route_MatchersOnLabels_OnlyMatchingPreferences()
    {
        var web = Alerts.Preference("""{ "team": "web", "channels": [ { "type": "email", "address": "web@example.com" } ], "matchers": [ "host=~\"web-.*\"" ] }""", "web");
        var db = Alerts.Preference("""{ "team": "db", "channels": [ { "type": "email", "address": "db@example.com" } ], "matchers": [ "host=~\"db-.*\"" ] }""", "db");

        var decision = NotificationRouter.Route(Alerts.Make(host: "web-3"), [web, db], Noon);

        Assert.Equal(["web"], decision.Notify.Select(p => p.Id));
        Assert.Equal(["web@example.com"], decision.Deliveries.Select(d => d.Channel.Recipient));
    }

    [Fact]
    public void Route_BelowMinimumSeverity_SuppressedWithReason()
    {
        var decision = NotificationRouter.Route(Alerts.Make(severity: Severity.WARNING), [Alerts.Email(""", "minSeverity": "major" """)], Noon);

        Assert.Empty(decision.Notify);
        var suppressed = Assert.Single(decision.Suppressed);
        Assert.Equal("severity WARNING is below the preference's minimum MAJOR", suppressed.Reason);
    }

    [Fact]
    public void Route_Flapping_HeldBack()
    {
        var decision = NotificationRouter.Route(Alerts.Make(flapping: true), [Alerts.Email()], Noon);

        Assert.Empty(decision.Notify);
        Assert.Equal("flapping", Assert.Single(decision.Suppressed).ReasonKind);
    }

    [Theory]
    [InlineData(22, Severity.MAJOR, true)]     // 23:00 in Paris: inside 22:00-07:00
    [InlineData(22, Severity.CRITICAL, false)] // CRITICAL goes through
    [InlineData(12, Severity.MAJOR, false)]    // 13:00 in Paris: outside
    [InlineData(4, Severity.MAJOR, true)]      // 05:00 in Paris: after midnight, inside
    public void Route_QuietHoursInRecipientZone_SuppressesAllButCritical(int utcHour, Severity severity, bool quiet)
    {
        var preference = Alerts.Email(""", "quietHours": { "start": "22:00", "end": "07:00", "timeZone": "Europe/Paris" }""");
        var at = new DateTimeOffset(2026, 11, 25, utcHour, 0, 0, TimeSpan.Zero);

        var decision = NotificationRouter.Route(Alerts.Make(severity: severity), [preference], at);

        Assert.Equal(quiet, decision.Suppressed.Count == 1);
        Assert.Equal(!quiet, decision.Notify.Count == 1);
    }

    [Fact]
    public void Route_Escalation_ReachesHigherLevelPreferencesOnlyOnceEscalated()
    {
        var first = Alerts.Preference("""{ "team": "web", "channels": [ { "type": "email", "address": "web@example.com" } ] }""", "first");
        var manager = Alerts.Preference("""{ "user": "boss", "channels": [ { "type": "sms", "address": "+33612345678" } ], "escalationLevel": 1 }""", "manager");

        var before = NotificationRouter.Route(Alerts.Make(escalation: 0), [first, manager], Noon);
        var after = NotificationRouter.Route(Alerts.Make(escalation: 1), [first, manager], Noon);

        Assert.Equal(["first"], before.Notify.Select(p => p.Id));
        Assert.Equal(["first", "manager"], after.Notify.Select(p => p.Id));
    }

    [Fact]
    public void Route_DisabledPreference_Ignored() =>
        Assert.Empty(NotificationRouter.Route(Alerts.Make(), [Alerts.Email(""", "enabled": false""")], Noon).Notify);
}
