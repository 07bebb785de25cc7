using Xunit.Abstractions;

namespace Streams.System.Tests;

/// <summary>The invariant every run ends on: each sample the simulator saw acknowledged is in ClickHouse once, or a dead letter.</summary>
internal static class SampleLedger
{
    /// <summary>
    /// The simulator's samples: gap markers and forward fills are the processor's own rows, and
    /// the host agent's (source AGENT, the collector role's machine) are not in the simulator's count.
    /// </summary>
    public const string Samples = "metrics_raw WHERE source = 'SIMULATOR' AND NOT gap AND NOT forward_filled";

    public static async Task AssertEveryAcknowledgedSampleOnceAsync(SplitPlatform platform, long acknowledged, ITestOutputHelper output) =>
        await AssertOnceAsync(platform, await CountAsync(platform, acknowledged), output);

    // A backlog that several restarts built up is waited for as long as rows keep arriving; a
    // platform that stopped writing is given up on after this long without a new row.
    private static readonly TimeSpan Stall = TimeSpan.FromSeconds(120);

    /// <summary>Counts once the sink has written every acknowledged sample, or once no new row came for <see cref="Stall"/> (so a report can still say how many are missing).</summary>
    public static async Task<SampleCount> CountAsync(SplitPlatform platform, long acknowledged)
    {
        var started = DateTime.UtcNow;
        var last = -1L;
        var stalledSince = started;
        while (true)
        {
            // Counted again each time: the processor may still be working through the backlog.
            var deadLetters = platform.CountDeadLetters("metrics.raw");
            var counts = await platform.QueryNumbersAsync($"SELECT count(), uniqExact(host, metric, ts, tags) FROM {Samples}");
            var count = new SampleCount(acknowledged, counts[0], counts[1], deadLetters) { CaughtUpAfter = DateTime.UtcNow - started };
            if (count.Distinct > last)
            {
                (last, stalledSince) = (count.Distinct, DateTime.UtcNow);
            }

            if (count.Lost <= 0 || DateTime.UtcNow - stalledSince > Stall)
            {
                return count;
            }

            await Task.Delay(1000);
        }
    }

    public static async Task AssertOnceAsync(SplitPlatform platform, SampleCount count, ITestOutputHelper output)
    {
        output.WriteLine($"samples acknowledged {count.Acknowledged}, rows {count.Written} ({count.Distinct} distinct), dead letters {count.DeadLetters}; counted {count.CaughtUpAfter.TotalSeconds:0} s after the load");
        Assert.True(count.Lost == 0, $"lost: {count.Acknowledged} acknowledged, {count.Distinct} distinct rows + {count.DeadLetters} dead letters (no new row for {Stall.TotalSeconds:0} s); {Shortfall(platform)}\n{platform.Logs()}");
        if (count.Duplicated != 0)
        {
            using var response = await platform.ClickHouse.PostAsync(new Uri("/", UriKind.Relative), new StringContent(
                $"SELECT min(ts), max(ts), sum(c - 1) FROM (SELECT ts, count() AS c FROM {Samples} GROUP BY host, metric, ts, tags HAVING c > 1)"));
            var duplicates = (await response.Content.ReadAsStringAsync()).Trim();
            using var batches = await platform.ClickHouse.PostAsync(new Uri("/", UriKind.Relative), new StringContent(
                "SELECT topic, count(), sum(last_offset - first_offset + 1), max(last_offset) FROM sink_batches FINAL GROUP BY topic FORMAT TSV"));
            var report = $"duplicated: {count.Duplicated} rows written twice (first, last event time and count: {duplicates}); "
                + $"records in metrics.raw {platform.CountRecords("metrics.raw")}, metrics.clean {platform.CountRecords("metrics.clean")}; "
                + $"sink batches (topic, batches, records, last offset): {(await batches.Content.ReadAsStringAsync()).Trim()}; "
                + $"the sink on replays: {platform.LogLines("Passed over", 20)} {platform.LogLines("Recalled", 20)} {platform.LogLines("Could not read the offsets", 5)}";
            Assert.Fail(report);
        }
    }

    // Where the missing samples are: the collection passes with fewer hosts than the fullest one
    // (a loss at a kill shows as a gap at its moment), what the topics hold, and what the
    // embedded broker said it dropped.
    private static string Shortfall(SplitPlatform platform)
    {
        using var response = platform.ClickHouse.PostAsync(new Uri("/", UriKind.Relative), new StringContent(
            $"SELECT ts, hosts FROM (SELECT ts, uniqExact(host) AS hosts FROM {Samples} GROUP BY ts) "
            + $"WHERE hosts < (SELECT max(h) FROM (SELECT uniqExact(host) AS h FROM {Samples} GROUP BY ts)) ORDER BY ts LIMIT 30 FORMAT TSV")).GetAwaiter().GetResult();
        var passes = response.Content.ReadAsStringAsync().GetAwaiter().GetResult().Trim().Replace('\n', ';');
        return $"passes short of hosts (time, hosts): {passes}; records in metrics.raw {platform.CountRecords("metrics.raw")}, metrics.clean {platform.CountRecords("metrics.clean")}; "
            + $"broker losses: {platform.LogLines("Embedded Kafka lost data", 10)}";
    }
}
