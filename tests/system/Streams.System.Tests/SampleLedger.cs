using Xunit.Abstractions;

namespace Streams.System.Tests;

/// <summary>The invariant every run ends on: each sample the simulator saw acknowledged is in ClickHouse once, or a dead letter.</summary>
internal static class SampleLedger
{
    public static async Task AssertEveryAcknowledgedSampleOnceAsync(SplitPlatform platform, long acknowledged, ITestOutputHelper output)
    {
        // Gap markers and forward fills are the processor's own rows, not samples.
        var deadLetters = platform.CountDeadLetters("metrics.raw");
        long written = 0, distinct = 0;
        await platform.EventuallyAsync(TimeSpan.FromSeconds(120), async () =>
        {
            var counts = await platform.QueryNumbersAsync("SELECT count(), uniqExact(host, metric, ts, tags) FROM metrics_raw WHERE NOT gap AND NOT forward_filled");
            (written, distinct) = (counts[0], counts[1]);
            return distinct + deadLetters >= acknowledged;
        }, $"metrics_raw holds {distinct} of {acknowledged} acknowledged samples ({deadLetters} dead letters)");
        output.WriteLine($"samples acknowledged {acknowledged}, rows {written} ({distinct} distinct), dead letters {deadLetters}");
        Assert.True(acknowledged == distinct + deadLetters, $"lost: {acknowledged} acknowledged, {distinct} distinct rows + {deadLetters} dead letters");
        if (written != distinct)
        {
            using var response = await platform.ClickHouse.PostAsync(new Uri("/", UriKind.Relative), new StringContent(
                "SELECT min(ts), max(ts), sum(c - 1) FROM (SELECT ts, count() AS c FROM metrics_raw WHERE NOT gap AND NOT forward_filled GROUP BY host, metric, ts, tags HAVING c > 1)"));
            Assert.Fail($"duplicated: {written - distinct} rows written twice (first, last event time and count: {(await response.Content.ReadAsStringAsync()).Trim()})");
        }
    }
}
