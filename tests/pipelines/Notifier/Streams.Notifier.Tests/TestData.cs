using io.streams.avro;
using Microsoft.Extensions.Options;
using Streams.Alerting.Notifications;
using Streams.Notifier.Channels;

namespace Streams.Notifier.Tests;

/// <summary>Alerts, preferences, options and messages for the notifier tests.</summary>
internal static class TestData
{
    public static readonly DateTime EpisodeStart = new(2026, 11, 25, 10, 0, 0, DateTimeKind.Utc);

    public static Alert Alert(string fingerprint = "fp-1", AlertState state = AlertState.FIRING, string host = "web-1", Severity severity = Severity.MAJOR) => new()
    {
        fingerprint = fingerprint,
        ruleId = "cpu-high",
        state = state,
        severity = severity,
        labels = new Dictionary<string, string> { ["host"] = host, ["group"] = "web", ["alertname"] = "CpuHigh" },
        annotations = new Dictionary<string, string> { ["summary"] = "CPU above 90% on " + host },
        value = 97.5,
        startsAt = EpisodeStart,
        endsAt = state == AlertState.RESOLVED ? EpisodeStart.AddMinutes(5) : null,
        updatedAt = EpisodeStart,
        groupKey = "cpu-high/" + host,
        anomalyIds = [],
    };

    public static NotificationPreference Preference(string channelsJson, string id = "p1", string extra = "")
    {
        var result = PreferenceValidator.Parse(id, $$"""{ "team": "web", "name": "Web on-call", "channels": [ {{channelsJson}} ] {{extra}} }""");
        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        return result.Preference;
    }

    public static NotificationMessage Message(NotificationPreference preference, params Alert[] alerts) =>
        new(new NotificationBatch(preference, preference.Id + "/cpu-high", new Dictionary<string, string>(), alerts, IsRepeat: false, DateTimeOffset.UtcNow), alerts, new Uri("http://dash.test/"), "d41d8cd98f00b204e9800998ecf8427e");

    /// <summary>The HTTP channels' client with 127.0.0.0/8 allowed, where every test receiver listens: loopback is refused by default.</summary>
    public static NotifierHttp LoopbackHttp() => new(Options(o => o.Targets.Allow = ["127.0.0.0/8"]));

    public static IOptions<NotifierOptions> Options(Action<NotifierOptions>? configure = null)
    {
        // Few, short retries: a test of a failing channel should not wait out the production backoff.
        var options = new NotifierOptions { RetryCount = 3, RetryBaseDelay = TimeSpan.FromMilliseconds(10), RetryMaxDelay = TimeSpan.FromMilliseconds(100), AttemptTimeout = TimeSpan.FromSeconds(5) };
        configure?.Invoke(options);
        return Microsoft.Extensions.Options.Options.Create(options);
    }
}
