using System.Diagnostics;
using System.Globalization;
using System.Text;
using Streams.Collectors.Simulator.Labels;
using Xunit.Abstractions;

namespace Streams.System.Tests;

/// <summary>
/// Every simulated host suffers one labelled incident, and an anomaly rule routes each host's
/// alert to two webhook preferences. The incidents must become anomalies and alerts across the
/// processes, each alert must be notified to each preference, no episode of it twice, and every
/// alert must be resolved, and told so, once its host's anomalies have stopped.
/// </summary>
/// <remarks>
/// The run is played fast enough to cover 25 simulated minutes (150 windows of each host, unless a
/// test asks for more) in its load, and no incident starts in its first 12 minutes, so each one meets a host the
/// scorer has a model of (its first, provisional one comes after 60 windows): this is steady-state
/// detection, not a cold start. The alerting role keeps wall-clock time (for-durations,
/// resolve-after), so its episodes are compressed with the run.
/// </remarks>
internal static class LabelledIncidents
{
    public const string RuleId = "incident";

    private static readonly TimeSpan Span = TimeSpan.FromMinutes(25);
    private const string IncidentsAfter = "12m";

    // The metric incidents of the simulator's fast set. The other two are other rules' work: a log
    // error burst is log-errors', and degrading hardware ends with its host silent (host-down's).
    private const string Kinds = "CpuSaturation,MemoryLeak,DiskFilling,NetworkFlood,CrashedProcess";

    // The shortest the rule takes (one window); several simulated minutes at the runs' pace.
    private static readonly TimeSpan ResolveAfter = TimeSpan.FromSeconds(10);

    // How long the pipeline may take to settle after the run, and how long settled must hold:
    // over two of the API's lag readings (every 5 s).
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(150);
    private static readonly TimeSpan Held = TimeSpan.FromSeconds(6);
    private const long LagTolerance = 5;

    // An incident is detected by an anomaly of a window that starts inside it, or in the minute
    // after it (six windows), since the scorer judges a window once it has closed.
    private static readonly TimeSpan Slack = TimeSpan.FromMinutes(1);

    // The seed's "85 % accuracy", read as the share of incidents detected. Detection is measured by
    // streams eval (#18); here a shortfall says the path from the scorer processes lost anomalies.
    // Measured: 20 of 20 (SplitRolesTests) and 10 of 10 (RoleFaultTests). Before no incident
    // started in the first 12 minutes, 17 of 20 in each of three runs: the change detector and the
    // fleet prior, which judge a host before its first model, missed some.
    private const double Recall = 0.85;

    /// <summary><c>streams simulate</c>'s options for a run of <paramref name="load"/>: one incident on every server, at the pace that covers <paramref name="span"/> (25 simulated minutes unless given).</summary>
    public static string[] SimulateOptions(TimeSpan load, TimeSpan? span = null) =>
        ["--speedup", Math.Ceiling((span ?? Span) / load).ToString(CultureInfo.InvariantCulture), "--incidents", "1", "--incidents-after", IncidentsAfter, "--kinds", Kinds];

    /// <summary>The rule, and two preferences that send its alerts to <paramref name="receivers"/>, one group per host.</summary>
    public static async Task ConfigureAsync(HttpClient api, IReadOnlyList<WebhookReceiver> receivers)
    {
        for (var i = 0; i < receivers.Count; i++)
        {
            // A repeat only after hours, so a second FIRING delivery of an episode can only be a duplicate.
            await SplitPlatform.PutAsync(api, $"/api/preferences/incident-{i + 1}",
                $$"""{"name":"Incident hook {{i + 1}}","team":"ops","channels":[{"type":"webhook","url":"{{receivers[i].Url}}"}],"minSeverity":"info","matchers":["rule=\"{{RuleId}}\""],"groupBy":["host"],"groupWait":"0s","groupInterval":"5s","repeatInterval":"4h"}""");
        }

        await SplitPlatform.PutAsync(api, $"/api/rules/{RuleId}",
            $$$"""{"id":"{{{RuleId}}}","name":"Incident","kind":"anomaly","severity":"major","anomaly":{"minSeverity":"major","minConsecutiveWindows":2,"resolveAfter":"{{{(int)ResolveAfter.TotalSeconds}}}s"}}""");

        // The simulator stopping is no outage of its hosts: host-down would fire for every one a
        // minute after the run and mute (SILENCED) an incident's alert not resolved by then.
        using var deleted = await api.DeleteAsync(new Uri("/api/rules/host-down", UriKind.Relative));
        Assert.True(deleted.IsSuccessStatusCode, $"DELETE /api/rules/host-down: {(int)deleted.StatusCode} {await deleted.Content.ReadAsStringAsync()}");
    }

    /// <summary>Checks, once the run is over and the pipeline has settled (<paramref name="api"/> tells its lag), what the type's summary says.</summary>
    public static async Task AssertDetectedNotifiedOnceAndResolvedAsync(SplitPlatform platform, int servers, IReadOnlyList<WebhookReceiver> receivers, HttpClient api, ITestOutputHelper output)
    {
        var labels = File.ReadLines(platform.LabelsFile).Select(IncidentLabel.FromJson).ToList();
        Assert.Equal(servers, labels.Count);

        // The simulated hosts only: the host agent's machine, where a collector runs, has no label.
        var simulated = string.Join(", ", labels.Select(l => $"'{l.Host}'"));

        // Settled: every consumer group up to the alerts has read (nearly) all it was given, no alert is open, the sink has
        // written every episode a receiver was told of, and each alert's last episode was told
        // resolved; held over two of the lag monitor's readings. A pipeline still working through
        // the run's tail scores windows after the run, and their anomalies can open new episodes.
        var clock = Stopwatch.StartNew();
        await using var lag = new LagWatch([api], clock);
        string[][] unresolved = [];
        List<Episode> episodes = [];
        List<NotifiedAlert> unwritten = [];
        List<(WebhookReceiver Receiver, Episode Episode)> untold = [];
        LagReading? reading = null;
        TimeSpan? settledAt = null;
        while (settledAt is null || clock.Elapsed - settledAt < Held)
        {
            reading = await lag.ReadAsync();
            unresolved = await platform.QueryTextAsync(
                $"SELECT host, s FROM (SELECT fingerprint, any(labels['host']) AS host, argMax(state, (updated_at, state = 'RESOLVED')) AS s FROM alerts WHERE rule_id = '{RuleId}' AND labels['host'] IN ({simulated}) GROUP BY fingerprint) WHERE s != 'RESOLVED'");
            episodes = [.. (await platform.QueryTextAsync(
                    $"SELECT DISTINCT fingerprint, labels['host'], toUnixTimestamp64Milli(starts_at) FROM alerts WHERE rule_id = '{RuleId}' AND state = 'FIRING' AND labels['host'] IN ({simulated})"))
                .Select(r => new Episode(r[0], r[1], long.Parse(r[2], CultureInfo.InvariantCulture)))];
            unwritten = [.. receivers.SelectMany(r => r.Alerts).Where(d => labels.Any(l => l.Host == d.Host) && !episodes.Any(e => e.Fingerprint == d.Fingerprint && e.StartsAt == d.StartsAt))];
            var last = episodes.GroupBy(e => e.Fingerprint).Select(g => g.MaxBy(e => e.StartsAt)!).ToList();
            untold = [.. receivers.SelectMany(r => last.Where(e => Notified(r, e, "RESOLVED") == 0).Select(e => (r, e)))];
            // Within a few records of the end, not at it: where a collector runs, its host agent
            // keeps writing (a pass every 10 s, and the windows and alerts that follow), so all at
            // 0 at once may never be read. Not the notifier's group: it commits a record once the
            // notification carrying it went out, and a group holds a change back for its group
            // interval (a minute by default, for the other preferences here); what it must tell
            // is checked through the receivers.
            var caughtUp = reading is not null && reading.Groups.Count > 0 && reading.Groups.Where(g => g.Key != "streams-notifier").All(g => g.Value <= LagTolerance);
            var settled = caughtUp && unresolved.Length == 0 && unwritten.Count == 0 && untold.Count == 0;
            settledAt = settled ? settledAt ?? clock.Elapsed : null;
            if (clock.Elapsed > Settle)
            {
                Assert.Fail($"not settled {Settle.TotalSeconds:F0} s after the run: lag {(reading is null ? "not read" : string.Join(", ", reading.Groups.Select(g => $"{g.Key} {g.Value}")))}; "
                    + $"alerts still open: {string.Join(", ", unresolved.Select(r => $"{r[0]} {r[1]}"))}; notified episodes the alerts table does not hold: {string.Join(", ", unwritten)}; "
                    + $"last episodes not told resolved: {string.Join("; ", untold.Select(u => $"{u.Receiver.Url} {Unnotified(platform, u.Receiver, [u.Episode])}"))}");
            }

            await Task.Delay(1000);
        }

        output.WriteLine($"settled {settledAt!.Value.TotalSeconds:F0} s after the run: every group caught up, every alert of the rule resolved and told so");
        var detected = new List<IncidentLabel>();
        var table = new StringBuilder("incident (simulated time) | anomalies major+ in a row | episodes | firing notifications per preference\n");
        foreach (var label in labels.OrderBy(l => l.Start))
        {
            var anomalies = (await platform.QueryNumbersAsync(
                $"SELECT count() FROM anomalies WHERE host = '{label.Host}' AND severity IN ('MAJOR', 'CRITICAL') AND consecutive_windows >= 2 "
                + $"AND window_start >= fromUnixTimestamp64Milli({label.Start.ToUnixTimeMilliseconds()}) AND window_start < fromUnixTimestamp64Milli({(label.End + Slack).ToUnixTimeMilliseconds()})"))[0];
            var ofHost = episodes.Where(e => e.Host == label.Host).ToList();
            if (anomalies > 0)
            {
                detected.Add(label);
            }

            table.AppendLine(CultureInfo.InvariantCulture, $"{label.Host} {label.Kind} {label.Start:HH:mm}-{label.End:HH:mm} | {anomalies} | {ofHost.Count} | {string.Join(" / ", receivers.Select(r => ofHost.Sum(e => Notified(r, e, "FIRING"))))}");
        }

        output.WriteLine(table.ToString());
        output.WriteLine($"{detected.Count} of {labels.Count} incidents detected; {episodes.Count} alert episodes on {episodes.Select(e => e.Host).Distinct().Count()} hosts; "
            + $"webhook deliveries sent again with the Idempotency-Key of an earlier one: {string.Join(" / ", receivers.Select(r => r.Redelivered.Count))}");

        Assert.True(detected.Count >= Recall * labels.Count, $"{detected.Count} of {labels.Count} incidents detected (anomalies of major severity or more, in a row), below {Recall:P0}:\n{table}");
        var silent = detected.Where(l => episodes.All(e => e.Host != l.Host)).Select(l => l.Host).ToList();
        Assert.True(silent.Count == 0, $"incidents whose anomalies met the rule but raised no alert: {string.Join(", ", silent)}\n{table}");
        foreach (var receiver in receivers)
        {
            var twice = episodes.Where(e => Notified(receiver, e, "FIRING") > 1 || Notified(receiver, e, "RESOLVED") > 1)
                .Select(e => $"{e.Host} firing×{Notified(receiver, e, "FIRING")} resolved×{Notified(receiver, e, "RESOLVED")}").ToList();
            Assert.True(twice.Count == 0, $"{receiver.Url}: episodes notified more than once: {string.Join(", ", twice)}");

            // An episode may go untold only if a later one of the same alert was told: as in
            // Alertmanager, a group is notified of its alerts' state at each flush, so an episode
            // that fired and resolved between two flushes (while the notifier was frozen, say) is
            // replaced by the next. Every incident's alert was told at least once.
            var neverTold = episodes.Where(e => Notified(receiver, e, "FIRING") == 0
                && !episodes.Any(l => l.Fingerprint == e.Fingerprint && l.StartsAt > e.StartsAt && Notified(receiver, l, "FIRING") == 1)).ToList();
            Assert.True(neverTold.Count == 0, $"{receiver.Url}: episodes never notified firing, with no later episode of their alert notified: {Unnotified(platform, receiver, neverTold)}");
            var superseded = episodes.Count(e => Notified(receiver, e, "FIRING") == 0);
            output.WriteLine($"{receiver.Url}: {episodes.Count - superseded} episodes notified firing once, {superseded} replaced by a later one before a flush");
            var unknown = receiver.Alerts.Where(d => labels.Any(l => l.Host == d.Host) && !episodes.Any(e => e.Fingerprint == d.Fingerprint && e.StartsAt == d.StartsAt)).ToList();
            Assert.True(unknown.Count == 0, $"{receiver.Url}: notified episodes the alerts table does not hold: {string.Join(", ", unknown)}");
        }
    }

    // What the alerting role wrote of each episode, what the notifiers audited, and what reached the receiver.
    private static string Unnotified(SplitPlatform platform, WebhookReceiver receiver, IEnumerable<Episode> episodes) =>
        string.Join("; ", episodes.Select(e =>
        {
            var alerts = platform.QueryTextAsync($"SELECT state, toUnixTimestamp64Milli(starts_at), updated_at FROM alerts WHERE fingerprint = '{e.Fingerprint}' ORDER BY updated_at").GetAwaiter().GetResult();
            var audit = platform.QueryTextAsync($"SELECT alert_state, recipient, status, attempt, updated_at FROM notifications WHERE alert_fingerprint = '{e.Fingerprint}' ORDER BY updated_at").GetAwaiter().GetResult();
            var delivered = receiver.Alerts.Where(a => a.Fingerprint == e.Fingerprint).Select(a => $"{a.State} from {a.StartsAt} at {a.At:HH:mm:ss.fff}");
            return $"{e.Host} {e.Fingerprint} from {e.StartsAt}: alerts [{string.Join(", ", alerts.Select(r => string.Join(' ', r)))}] "
                + $"audited [{string.Join(", ", audit.Select(r => string.Join(' ', r)))}] delivered [{string.Join(", ", delivered)}]";
        }));

    private static int Notified(WebhookReceiver receiver, Episode episode, string state) =>
        receiver.Alerts.Count(d => d.Fingerprint == episode.Fingerprint && d.StartsAt == episode.StartsAt && d.State == state);

    private sealed record Episode(string Fingerprint, string Host, long StartsAt);
}
