using io.streams.avro;
using Streams.Alerting.Notifications;

namespace Streams.Alerting.Tests.Notifications;

/// <summary>Alerts and preferences for the notification tests.</summary>
internal static class Alerts
{
    public static readonly DateTime EpisodeStart = new(2026, 11, 25, 10, 0, 0, DateTimeKind.Utc);

    public static Alert Make(
        string fingerprint = "fp-1",
        AlertState state = AlertState.FIRING,
        Severity severity = Severity.MAJOR,
        string host = "web-1",
        int escalation = 0,
        bool flapping = false,
        DateTime? startsAt = null) => new()
        {
            fingerprint = fingerprint,
            ruleId = "cpu-high",
            state = state,
            severity = severity,
            labels = new Dictionary<string, string> { ["host"] = host, ["group"] = "web", ["alertname"] = "CpuHigh" },
            annotations = new Dictionary<string, string> { ["summary"] = "CPU above 90% on " + host },
            startsAt = startsAt ?? EpisodeStart,
            updatedAt = startsAt ?? EpisodeStart,
            groupKey = "cpu-high/" + host,
            anomalyIds = [],
            escalationLevel = escalation,
            flapping = flapping,
        };

    public static NotificationPreference Preference(string json, string id = "p1")
    {
        var result = PreferenceValidator.Parse(id, json);
        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        return result.Preference;
    }

    public static NotificationPreference Email(string extra = "") => Preference(
        $$"""{ "team": "web", "channels": [ { "type": "email", "address": "web@example.com" } ] {{extra}} }""");
}
