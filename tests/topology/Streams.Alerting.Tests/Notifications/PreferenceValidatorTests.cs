using Streams.Alerting.Rules;
using io.streams.avro;
using Streams.Alerting.Notifications;

namespace Streams.Alerting.Tests.Notifications;

public sealed class PreferenceValidatorTests
{
    [Fact]
    public void Parse_FullDocument_ReadsEveryField()
    {
        var result = PreferenceValidator.Parse("web-oncall", """
            { "name": "Web on-call", "team": "web",
              "channels": [ { "type": "email", "address": "web@example.com" },
                            { "type": "sms", "address": "+33612345678" },
                            { "type": "slack", "url": "https://hooks.slack.com/services/T/B/x", "name": "web-alerts" },
                            { "type": "alertmanager", "url": "http://am:9093" },
                            { "type": "web_push", "url": "https://push.example/s/1",
                              "keys": { "p256dh": "BPcMbnWQL5GOYX_5ZOW4D3YcgDqOAiM_1dWmx0G-Z71ryXOvnebFN4WzHXS2XV_uuG6sTn0YPDEeQfpHGHrDdyE", "auth": "BTBZMqHH6r4Tts7J_aSIgg" } } ],
              "minSeverity": "warning",
              "quietHours": { "start": "22:00", "end": "07:00", "timeZone": "Europe/Paris", "allowCritical": false },
              "matchers": [ "group=\"web\"", "host=~web-.*" ],
              "escalationLevel": 1, "groupBy": [ "host" ],
              "groupWait": "10s", "groupInterval": "5m", "repeatInterval": "1h30m", "notifyAcknowledged": true }
            """);

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        var p = result.Preference;
        Assert.Equal(("Web on-call", "team", "web"), (p.Name, p.OwnerKind, p.Owner));
        Assert.Equal([ChannelType.Email, ChannelType.Sms, ChannelType.Slack, ChannelType.Alertmanager, ChannelType.WebPush], p.Channels.Select(c => c.Type));
        Assert.Equal("web-alerts", p.Channels[2].Recipient);
        Assert.StartsWith("alertmanager:am#", p.Channels[3].Recipient, StringComparison.Ordinal);
        Assert.Equal(Severity.WARNING, p.MinimumSeverity);
        Assert.Equal(new TimeOnly(22, 0), p.QuietHours!.Start);
        Assert.False(p.QuietHours.AllowCritical);
        Assert.Equal(2, p.Matchers.Count);
        Assert.Equal(1, p.EscalationLevel);
        Assert.Equal(["host"], p.GroupBy);
        Assert.Equal((TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(90)), (p.GroupWait, p.GroupInterval, p.RepeatInterval));
        Assert.True(p.NotifyAcknowledged);
    }

    [Fact]
    public void Parse_Minimal_UsesAlertmanagerDefaultsWithImmediateFirstNotification()
    {
        var p = Alerts.Email();

        Assert.Equal((TimeSpan.Zero, TimeSpan.FromMinutes(1), TimeSpan.FromHours(4)), (p.GroupWait, p.GroupInterval, p.RepeatInterval));
        Assert.Equal(Severity.INFO, p.MinimumSeverity);
        Assert.True(p.Enabled);
        Assert.True(p.NotifyResolved);
        Assert.False(p.NotifyAcknowledged);
    }

    [Fact]
    public void Validate_ManyProblems_ListsEveryOneWithItsPath()
    {
        var errors = PreferenceValidator.Validate("p1", """
            { "user": "alice", "team": "web", "colour": "red",
              "channels": [ { "type": "email", "address": "x" }, { "type": "pager" }, { "type": "sms", "address": "0612" },
                            { "type": "webhook", "url": "ftp://x" }, { "type": "web_push", "url": "https://push.example/1", "keys": { "p256dh": "abc", "auth": "abc" } } ],
              "minSeverity": "loud", "quietHours": { "start": "25:00", "end": "07:00", "timeZone": "Mars/Olympus" },
              "matchers": [ "host=~\"(\"", "nonsense" ], "escalationLevel": -1, "groupBy": [ "not a label" ],
              "groupInterval": "0s", "repeatInterval": "soon" }
            """);

        Assert.Contains("user/team: exactly one of 'user' or 'team' must name the owner", errors);
        Assert.Contains("colour: unknown property", errors);
        Assert.Contains("channels[0].address: 'x' is not an email address", errors);
        Assert.Contains(errors, e => e.StartsWith("channels[1].type: 'pager' is not one of email, sms", StringComparison.Ordinal));
        Assert.Contains("channels[2].address: '0612' is not a phone number in E.164 (+ and 7 to 15 digits)", errors);
        Assert.Contains("channels[3].url: 'ftp://x' is not an absolute http(s) URL", errors);
        Assert.Contains("channels[4].keys.p256dh: 'abc' is not a base64url P-256 public key (65 bytes)", errors);
        Assert.Contains("channels[4].keys.auth: 'abc' is not a base64url 16-byte auth secret", errors);
        Assert.Contains("minSeverity: 'loud' is not one of info, warning, major, critical", errors);
        Assert.Contains("quietHours.start: '25:00' is not a local time like 22:00", errors);
        Assert.Contains("quietHours.timeZone: 'Mars/Olympus' is not an IANA time zone", errors);
        Assert.Contains(errors, e => e.StartsWith("matchers[0]: '(' is not a valid regular expression", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("matchers[1]: 'nonsense' is not a matcher", StringComparison.Ordinal));
        Assert.Contains("escalationLevel: -1 is not an integer from 0 to 10", errors);
        Assert.Contains("groupBy[0]: 'not a label' is not a label name", errors);
        Assert.Contains("groupInterval: must be greater than 0s", errors);
        Assert.Contains("repeatInterval: 'soon' is not a duration like 0s, 30s, 5m or 4h", errors);
    }

    [Theory]
    [InlineData("not json", "$: not valid JSON")]
    [InlineData("[]", "$: expected an object, got an array")]
    [InlineData("""{ "team": "web" }""", "channels: at least one channel is required")]
    [InlineData("""{ "team": "web", "channels": [ { "type": "email", "address": "a@b.co" } ], "groupInterval": "10m", "repeatInterval": "5m" }""", "repeatInterval: 00:05:00 is shorter than groupInterval 00:10:00")]
    [InlineData("""{ "id": "other", "team": "web", "channels": [ { "type": "dashboard", "address": "web" } ] }""", "id: 'other' differs from the key's id 'p1'")]
    [InlineData("""{ "team": 3, "channels": [ { "type": "dashboard", "address": "web" } ] }""", "team: expected a string, got a number")]
    public void Parse_Invalid_IsRejectedWithTheReason(string json, string reason)
    {
        var result = PreferenceValidator.Parse("p1", json);

        Assert.False(result.IsValid);
        Assert.Contains(result.Errors, e => e.StartsWith(reason, StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_WithTargetPolicy_RejectsRefusedLiteralTargetsByField()
    {
        const string json = """
            { "team": "web", "channels": [ { "type": "webhook", "url": "http://169.254.169.254/latest/meta-data/" },
                                           { "type": "slack", "url": "http://localhost:9000/hook" },
                                           { "type": "alertmanager", "url": "http://10.0.0.5:9093" },
                                           { "type": "webhook", "url": "https://hooks.example.com/x" } ] }
            """;

        var errors = PreferenceValidator.Validate("p1", json, TargetPolicy.Default);

        Assert.Equal(2, errors.Count);
        Assert.StartsWith("channels[0].url: target-refused: 169.254.169.254 is link-local (cloud metadata)", errors[0], StringComparison.Ordinal);
        Assert.StartsWith("channels[1].url: target-refused: localhost is loopback", errors[1], StringComparison.Ordinal);
        Assert.Empty(PreferenceValidator.Validate("p1", json, new TargetPolicy(["169.254.169.254", "127.0.0.0/8"], refusePrivate: false)));
        // Reading a stored preference judges no target: the notifier does at send time, after resolving.
        Assert.Empty(PreferenceValidator.Validate("p1", json));
    }

    [Theory]
    [InlineData("0s", 0)]
    [InlineData("30s", 30)]
    [InlineData("5m", 300)]
    [InlineData("1h30m", 5400)]
    [InlineData("1d", 86400)]
    public void DurationText_Valid_Parses(string text, int seconds)
    {
        Assert.True(DurationText.TryParse(text, out var duration));
        Assert.Equal(TimeSpan.FromSeconds(seconds), duration);
    }

    [Theory]
    [InlineData("")]
    [InlineData("5")]
    [InlineData("-5m")]
    [InlineData("1 h")]
    public void DurationText_Invalid_IsRejected(string text) => Assert.False(DurationText.TryParse(text, out _));
}
