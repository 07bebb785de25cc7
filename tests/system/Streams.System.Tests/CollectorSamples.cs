using System.Globalization;
using Xunit.Abstractions;

namespace Streams.System.Tests;

/// <summary>
/// The host agent's own samples (source AGENT) across its kill. Nothing counts what it sent, so
/// "once" is no (host, metric, ts, tags) written twice, and "not stopped by the kill" is passes
/// arriving after the restart; the largest step between its passes is said, since a pass the
/// collector never took while it was down is a hole no spool can fill.
/// </summary>
internal static class CollectorSamples
{
    private const string Agent = "metrics_raw WHERE source = 'AGENT' AND NOT gap AND NOT forward_filled";

    public static async Task AssertOnceAndArrivingAfterAsync(SplitPlatform platform, DateTime restartedUtc, ITestOutputHelper output)
    {
        var restarted = new DateTimeOffset(restartedUtc).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        long[] counts = [];
        await platform.EventuallyAsync(TimeSpan.FromSeconds(60),
            async () => (counts = await platform.QueryNumbersAsync(
                $"SELECT count(), uniqExact(host, metric, ts, tags), uniqExact(ts), uniqExactIf(ts, toUnixTimestamp(ts) > {restarted}) FROM {Agent}"))[3] >= 2,
            () => $"the collector's passes after its restart at {restartedUtc:HH:mm:ss}: {(counts.Length > 3 ? counts[3] : 0)} of at least 2");
        var step = (await platform.QueryNumbersAsync($"SELECT arrayMax(arrayDifference(arraySort(groupUniqArray(toUnixTimestamp(ts))))) FROM {Agent}"))[0];
        output.WriteLine($"collector: {counts[0]} rows ({counts[1]} distinct) in {counts[2]} passes, {counts[3]} after its restart; largest step between passes {step} s");
        Assert.True(counts[0] == counts[1], $"the collector's samples: {counts[0] - counts[1]} rows written twice");
    }
}
