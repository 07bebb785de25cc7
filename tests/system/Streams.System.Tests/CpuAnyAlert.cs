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

    public static async Task AssertEachHostNotifiedOnceAsync(SplitPlatform platform, WebhookReceiver receiver, int hosts, ITestOutputHelper output)
    {
        await platform.EventuallyAsync(TimeSpan.FromSeconds(60), () => Task.FromResult(FiringPerHost(receiver).Count == hosts),
            $"{FiringPerHost(receiver).Count} of {hosts} hosts' alerts reached the webhook");
        var firing = FiringPerHost(receiver);
        output.WriteLine($"webhook deliveries {receiver.Deliveries.Count}; firing notifications per host: {string.Join(", ", firing.Select(h => $"{h.Key}={h.Value}"))}");
        Assert.True(firing.Values.All(n => n == 1), "a firing alert was notified more than once: " + string.Join(", ", firing.Where(h => h.Value > 1).Select(h => $"{h.Key}×{h.Value}")));
    }

    /// <summary>When each host's FIRING notifications arrived, first to last: any after the first is a duplicate.</summary>
    public static Dictionary<string, List<DateTime>> FiringTimes(WebhookReceiver receiver) =>
        receiver.Deliveries
            .SelectMany(d => d.Body.GetProperty("alerts").EnumerateArray().Select(a => (d.At, Alert: a)))
            .Where(a => a.Alert.GetProperty("state").GetString() == "FIRING")
            .GroupBy(a => a.Alert.GetProperty("labels").GetProperty("host").GetString() ?? "")
            .ToDictionary(g => g.Key, g => g.Select(a => a.At).Order().ToList());

    private static Dictionary<string, int> FiringPerHost(WebhookReceiver receiver) =>
        FiringTimes(receiver).ToDictionary(h => h.Key, h => h.Value.Count);
}
