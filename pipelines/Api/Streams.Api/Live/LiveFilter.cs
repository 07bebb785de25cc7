using Microsoft.AspNetCore.Http;
using Streams.Alerting.Matching;
using Streams.Api.Http;

namespace Streams.Api.Live;

/// <summary>What one WebSocket client asked for: <c>feeds</c>, <c>host</c> globs (repeatable), <c>minSeverity</c>, <c>series</c> globs for windows.</summary>
internal sealed class LiveFilter
{
    public const string Alerts = "alerts";
    public const string Anomalies = "anomalies";
    public const string Windows = "windows";
    public const string Notifications = "notifications";

    private static readonly string[] Known = [Alerts, Anomalies, Windows, Notifications];

    private LiveFilter(HashSet<string> feeds, IReadOnlyList<Glob> hosts, int minRank, IReadOnlyList<Glob> series)
    {
        Feeds = feeds;
        Hosts = hosts;
        MinRank = minRank;
        Series = series;
    }

    public HashSet<string> Feeds { get; }

    public IReadOnlyList<Glob> Hosts { get; }

    public int MinRank { get; }

    public IReadOnlyList<Glob> Series { get; }

    /// <summary>A filter with every feed and no restriction (the benchmark's clients).</summary>
    public static LiveFilter Everything { get; } = new([.. Known], [], 0, []);

    public static LiveFilter Parse(IQueryCollection query, Dictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(errors);
        var feeds = query["feeds"].SelectMany(f => (f ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToHashSet(StringComparer.Ordinal);
        if (feeds.Count == 0)
        {
            feeds = [Alerts, Anomalies];
        }

        var unknown = feeds.Where(f => !Known.Contains(f)).ToList();
        if (unknown.Count > 0)
        {
            errors["feeds"] = [$"unknown feeds {string.Join(", ", unknown)}; known: {string.Join(", ", Known)}"];
        }

        var minRank = SeverityText.ParseMinimum(query["minSeverity"].ToString(), errors);
        return new LiveFilter(
            feeds,
            [.. query["host"].Where(h => !string.IsNullOrWhiteSpace(h)).Select(h => new Glob(h!))],
            minRank,
            [.. query["series"].Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => new Glob(s!))]);
    }

    // A notification batches alerts of any host, so the host globs do not apply to it.
    public bool Wants(string feed, string? host, int severityRank) =>
        Feeds.Contains(feed) && severityRank >= MinRank
        && (Hosts.Count == 0 || feed == Notifications || (host is not null && Hosts.Any(g => g.IsMatch(host))));

    public bool WantsSeries(string series) => Series.Count == 0 || Series.Any(g => g.IsMatch(series));
}
