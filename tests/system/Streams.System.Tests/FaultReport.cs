using System.Globalization;
using System.Text;

namespace Streams.System.Tests;

/// <summary>
/// The per-fault table of a run: how long each process took to serve again and its group to catch
/// up, and the rows and notifications lost or duplicated, placed in the fault they followed. A row
/// is placed by its event time, from one collection interval before the fault (a replay after a
/// crash repeats what was processed shortly before it); a notification by when it arrived. The
/// run total is exact; the rows lost placed in faults are the holes inside a series, so a sample
/// lost at a series' very end is only in the total.
/// </summary>
internal static class FaultReport
{
    private static readonly TimeSpan CollectionInterval = TimeSpan.FromSeconds(10);

    private const string Samples = SampleLedger.Samples;

    // Each series' next sample after each sample; a step of more than 1.5 intervals is a hole of
    // that many intervals less one, placed at its first missing sample.
    private const string Holes = $"""
        SELECT toUnixTimestamp(ts) + intDiv(interval_ms, 1000), toInt64(round(dateDiff('millisecond', ts, next) / interval_ms)) - 1
        FROM (SELECT ts, interval_ms, leadInFrame(ts) OVER (PARTITION BY host, metric, series_tags ORDER BY ts ROWS BETWEEN CURRENT ROW AND 1 FOLLOWING) AS next
              FROM (SELECT DISTINCT host, metric, toString(tags) AS series_tags, ts, interval_ms FROM {Samples}))
        WHERE next > ts AND interval_ms > 0 AND dateDiff('millisecond', ts, next) * 2 > interval_ms * 3
        FORMAT TSV
        """;

    private const string Duplicated = $"""
        SELECT toUnixTimestamp(ts) AS second, count() - uniqExact(host, metric, ts, tags) AS twice
        FROM {Samples} GROUP BY second HAVING twice > 0 FORMAT TSV
        """;

    public static async Task<string> BuildAsync(
        SplitPlatform platform, IReadOnlyList<InjectedFault> faults, IReadOnlyList<LagReading> lag, TimeSpan? caughtUp,
        SampleCount samples, IReadOnlyDictionary<string, List<DateTime>> firing, int hosts)
    {
        // Index 0 is the load before the first fault, i + 1 fault i.
        var lost = new long[faults.Count + 1];
        var twice = new long[faults.Count + 1];
        var notifiedTwice = new long[faults.Count + 1];
        var starts = faults.Select(f => f.AtUtc).ToList();
        int Slot(DateTime at, TimeSpan lead) => starts.FindLastIndex(start => start - lead <= at) + 1;
        foreach (var hole in await platform.QueryRowsAsync(Holes))
        {
            lost[Slot(DateTime.UnixEpoch.AddSeconds(hole[0]), CollectionInterval)] += hole[1];
        }

        foreach (var second in await platform.QueryRowsAsync(Duplicated))
        {
            twice[Slot(DateTime.UnixEpoch.AddSeconds(second[0]), CollectionInterval)] += second[1];
        }

        foreach (var again in firing.Values.SelectMany(times => times.Skip(1)))
        {
            notifiedTwice[Slot(again, TimeSpan.Zero)]++;
        }

        var table = new StringBuilder("| fault | at | ready again after | its group's lag: peak, back to 0 after | rows lost | rows duplicated | notifications duplicated |\n|---|---|---|---|---|---|---|\n");
        table.AppendLine(CultureInfo.InvariantCulture, $"| none (load before the first fault) | | | | {lost[0]} | {twice[0]} | {notifiedTwice[0]} |");
        for (var i = 0; i < faults.Count; i++)
        {
            var fault = faults[i];
            var until = i + 1 < faults.Count ? faults[i + 1].At : TimeSpan.MaxValue;
            table.AppendLine(CultureInfo.InvariantCulture,
                $"| {fault.What} {fault.Process} | {fault.At.TotalSeconds:F1} s ({fault.AtUtc:HH:mm:ss.f}) | {(fault.Ready - fault.At).TotalSeconds:F1} s | {Recovery(fault, lag.Where(r => r.At >= fault.At && r.At < until).ToList())} | {lost[i + 1]} | {twice[i + 1]} | {notifiedTwice[i + 1]} |");
        }

        var notified = firing.Count;
        table.AppendLine(CultureInfo.InvariantCulture,
            $"| **run total** | | | every group at 0 {(caughtUp is { } after ? $"{after.TotalSeconds:F0} s after the load" : "NOT within 60 s of the load")} | **{samples.Lost}** of {samples.Acknowledged:N0} ({lost.Sum()} as holes) | **{samples.Duplicated}** | **{hosts - notified} lost, {notifiedTwice.Sum()} duplicated** ({notified} of {hosts} hosts notified) |");
        return table.ToString();
    }

    private static string Recovery(InjectedFault fault, List<LagReading> readings)
    {
        if (fault.Group is not { } group)
        {
            return "(no group)";
        }

        var peak = readings.Count > 0 ? readings.Max(r => r.Of(group)) : 0;
        var back = readings.FirstOrDefault(r => r.At >= fault.Ready && r.Of(group) == 0);
        return $"{peak:N0} records, {(back is null ? "not before the next fault" : $"{(back.At - fault.At).TotalSeconds:F0} s")}";
    }
}
