using Xunit.Abstractions;

namespace Streams.System.Tests;

/// <summary>
/// An alert every simulated host raises at its first window and keeps firing (CPU above 0), routed
/// one group per host to a webhook: so "each host notified exactly once" holds across any restart.
/// </summary>
internal static class CpuAnyAlert
{
    public static async Task ConfigureAsync(HttpClient api, WebhookReceiver receiver)
    {
        // Group per host, and a repeat only after hours: a second FIRING delivery can only be a replay.
        await SplitPlatform.PutAsync(api, "/api/preferences/hook",
            $$"""{"name":"Hook","team":"ops","channels":[{"type":"webhook","url":"{{receiver.Url}}"}],"minSeverity":"info","matchers":["rule=\"cpu-any\""],"groupBy":["host"],"groupWait":"0s","groupInterval":"5m","repeatInterval":"4h"}""");
        await SplitPlatform.PutAsync(api, "/api/rules/cpu-any",
            """{"id":"cpu-any","name":"CpuAny","kind":"threshold","severity":"warning","for":"0s","threshold":{"metric":"cpu.util","statistic":"mean","comparator":">","value":0,"clear":-1}}""");
    }

    /// <param name="restartedAgentHost">
    /// The machine of a host agent that was killed and started again, whose deliveries are printed:
    /// its first pass after a start has no rates (a rate needs two reads), so a 10 s window can hold
    /// only a forward fill of cpu.util, which once resolved the alert and fired it again (a window
    /// with no reading of a series now judges nothing, RuleEvaluator).
    /// </param>
    public static async Task AssertEachHostNotifiedOnceAsync(SplitPlatform platform, WebhookReceiver receiver, int hosts, ITestOutputHelper output, string? restartedAgentHost = null)
    {
        await platform.EventuallyAsync(TimeSpan.FromSeconds(60), () => Task.FromResult(FiringPerHost(receiver).Count == hosts),
            $"{FiringPerHost(receiver).Count} of {hosts} hosts' alerts reached the webhook");
        var firing = FiringPerHost(receiver);
        output.WriteLine($"webhook deliveries {receiver.Deliveries.Count}, of them sent again with the key of an earlier one {receiver.Redelivered.Count}; firing notifications per host (the first at): {string.Join(", ", FiringTimes(receiver).Select(h => $"{h.Key}={h.Value.Count} ({h.Value[0]:HH:mm:ss.fff})"))}");
        if (restartedAgentHost is not null)
        {
            output.WriteLine($"{restartedAgentHost} (the restarted agent's machine): {string.Join(" > ", States(receiver, restartedAgentHost).Select(s => $"{s.State} {s.At:HH:mm:ss}"))}");
        }

        // Each delivery with its episode's start: one start twice is a notification sent again,
        // two starts are an episode the alerting role opened again.
        Assert.True(
            firing.Values.All(n => n == 1),
            "a firing alert was notified more than once: " + string.Join("; ", firing.Where(h => h.Value > 1).Select(h =>
                $"{h.Key}×{h.Value}: " + string.Join(" > ", receiver.Alerts.Where(a => a.Host == h.Key).OrderBy(a => a.At)
                    .Select(a => $"{a.State} at {a.At:HH:mm:ss.fff} of the episode started {DateTimeOffset.FromUnixTimeMilliseconds(a.StartsAt):HH:mm:ss.fff}")))));
    }

    /// <summary>When each host's FIRING notifications arrived, first to last: any after the first is a duplicate.</summary>
    public static Dictionary<string, List<DateTime>> FiringTimes(WebhookReceiver receiver) =>
        receiver.Alerts
            .Where(a => a.State == "FIRING")
            .GroupBy(a => a.Host)
            .ToDictionary(g => g.Key, g => g.Select(a => a.At).Order().ToList());

    private static List<(DateTime At, string State)> States(WebhookReceiver receiver, string host) =>
        [.. receiver.Alerts.Where(a => a.Host == host).OrderBy(a => a.At).Select(a => (a.At, a.State))];

    private static Dictionary<string, int> FiringPerHost(WebhookReceiver receiver) =>
        FiringTimes(receiver).ToDictionary(h => h.Key, h => h.Value.Count);
}
