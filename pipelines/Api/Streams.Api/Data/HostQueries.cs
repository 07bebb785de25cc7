using Streams.Api.Contracts;

namespace Streams.Api.Data;

/// <summary>
/// The fleet as ClickHouse knows it: hosts that sent a metric window in the last 7 days, their
/// anomalies of the last hour, their active alerts and the tags their anomalies carry. Joined in
/// memory: four small aggregates are cheaper than one join over the raw tables.
/// </summary>
internal sealed class HostQueries(ApiClickHouse clickHouse, AlertQueries alerts)
{
    /// <summary>Windows arrive every 10 s; two minutes without one is the default no-data rule's threshold.</summary>
    public static readonly TimeSpan DownAfter = TimeSpan.FromMinutes(2);

    private static readonly Dictionary<string, object> None = [];

    public async Task<List<HostSummary>> AllAsync(CancellationToken cancellationToken)
    {
        var lastSeen = await clickHouse.QueryAsync(
            "SELECT host, toUnixTimestamp64Milli(max(window_end)) FROM metric_windows WHERE window_start >= now64(3) - INTERVAL 7 DAY GROUP BY host",
            None, r => (Host: Row.Text(r, 0), LastSeen: Row.Time(r, 1)), cancellationToken);
        var anomalies = (await clickHouse.QueryAsync(
            "SELECT host, count(), max(if(threshold > 0, score / threshold, 0)) FROM anomalies FINAL WHERE window_start >= now64(3) - INTERVAL 1 HOUR GROUP BY host",
            None, r => (Host: Row.Text(r, 0), Count: Row.Long(r, 1), Score: Row.Double(r, 2)), cancellationToken)).ToDictionary(a => a.Host, StringComparer.Ordinal);
        var tags = (await clickHouse.QueryAsync(
            "SELECT host, toJSONString(argMax(tags, detected_at)) FROM anomalies WHERE window_start >= now64(3) - INTERVAL 7 DAY GROUP BY host",
            None, r => (Host: Row.Text(r, 0), Tags: Row.Map(r, 1)), cancellationToken)).ToDictionary(t => t.Host, t => t.Tags, StringComparer.Ordinal);
        var active = (await alerts.ActiveAsync(null, cancellationToken)).ToLookup(a => a.Labels.GetValueOrDefault("host") ?? string.Empty, StringComparer.Ordinal);

        var now = DateTimeOffset.UtcNow;
        var names = lastSeen.Select(l => l.Host).Concat(anomalies.Keys).Distinct(StringComparer.Ordinal);
        var seen = lastSeen.ToDictionary(l => l.Host, l => l.LastSeen, StringComparer.Ordinal);
        return [.. names.Select(host =>
        {
            DateTimeOffset? last = seen.TryGetValue(host, out var at) ? at : null;
            var hostAnomalies = anomalies.GetValueOrDefault(host);
            var hostAlerts = active[host].ToList();
            return new HostSummary(
                host,
                tags.GetValueOrDefault(host) ?? [],
                last,
                Health(last, hostAlerts, hostAnomalies.Count, now),
                hostAnomalies.Count,
                hostAlerts.Count,
                Row.Finite(hostAnomalies.Score) ?? 0);
        })];
    }

    public async Task<List<string>> SeriesAsync(string host, CancellationToken cancellationToken) =>
        await clickHouse.QueryAsync(
            "SELECT DISTINCT series FROM metric_windows WHERE host = {host:String} AND window_start >= now64(3) - INTERVAL 1 DAY ORDER BY series",
            new Dictionary<string, object> { ["host"] = host }, r => Row.Text(r, 0), cancellationToken);

    /// <summary>
    /// down: no window for <see cref="DownAfter"/>; critical: a major or critical alert firing
    /// (acknowledged included: it is still broken); warning: any other active alert or an anomaly
    /// in the last hour; unknown: never seen sending windows.
    /// </summary>
    public static string Health(DateTimeOffset? lastSeen, IReadOnlyCollection<AlertView> activeAlerts, long anomalies1h, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(activeAlerts);
        if (lastSeen is null)
        {
            return "unknown";
        }

        if (now - lastSeen > DownAfter)
        {
            return "down";
        }

        if (activeAlerts.Any(a => a.State is "firing" or "acknowledged" && a.Severity is "major" or "critical"))
        {
            return "critical";
        }

        return activeAlerts.Count > 0 || anomalies1h > 0 ? "warning" : "ok";
    }
}
