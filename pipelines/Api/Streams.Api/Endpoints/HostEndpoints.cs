using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Streams.Alerting.Rules;
using Streams.Api.Contracts;
using Streams.Api.Data;
using Streams.Api.Http;

namespace Streams.Api.Endpoints;

internal static class HostEndpoints
{
    /// <summary>Points a metric query may return: a day at 10 s is 8,640.</summary>
    public const int MaxPoints = 10_000;

    /// <summary>
    /// Every page of /api/hosts runs the whole fleet query (four ClickHouse aggregations), so the
    /// dashboard takes a fleet of 10,000 in one page rather than paying for it twenty times.
    /// </summary>
    public const int MaxPageSize = 10_000;

    private static readonly string[] Sorts = ["name", "health", "anomalies"];
    private static readonly string[] HealthOrder = ["down", "critical", "warning", "unknown", "ok"];

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/hosts", ListAsync).WithTags("hosts").Produces<Paged<HostSummary>>()
            .WithSummary("List hosts")
            .WithDescription("Hosts that sent metric windows in the last 7 days (or had anomalies), with tags, last window, health (ok, warning, critical, down, unknown), anomalies and highest score/threshold of the last hour, active alerts. search: substring of the name; sort: name, health (worst first) or anomalies. pageSize: up to 10,000, so a dashboard takes the fleet in one request.");
        api.MapGet("/hosts/{host}", DetailAsync).WithTags("hosts").Produces<HostDetail>().ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("One host")
            .WithDescription("A host's tags, health, series of the last day, active alerts and latest anomalies (last day, 20 at most). 404 for a host ClickHouse has never seen.");
        api.MapGet("/hosts/{host}/metrics", MetricsAsync).WithTags("hosts").Produces<MetricRange>().ProducesValidationProblem()
            .WithSummary("A series over time")
            .WithDescription("One series of a host from metric_windows at a step (10s, 1m, 5m, 1h; default 1m): per step the mean of the window means, smallest min, largest max, largest p95. band: the normal range, mean ± 3 standard deviations of the series' samples over the 24 h before 'to'. from/to ISO-8601, default the last hour.");
    }

    private static async Task<IResult> ListAsync(HostQueries hosts, string? search, string? sort, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var paging = Paging.Parse(page, pageSize, MaxPageSize, errors);
        if (sort is not null && !Sorts.Contains(sort))
        {
            errors["sort"] = [$"'{sort}' is not one of {string.Join(", ", Sorts)}"];
        }

        if (errors.Count > 0)
        {
            return ApiProblems.Validation(errors);
        }

        var all = (await hosts.AllAsync(cancellationToken))
            .Where(h => string.IsNullOrEmpty(search) || h.Host.Contains(search, StringComparison.OrdinalIgnoreCase));
        IReadOnlyCollection<HostSummary> sorted = sort switch
        {
            "health" => [.. all.OrderBy(h => Array.IndexOf(HealthOrder, h.Health)).ThenBy(h => h.Host, StringComparer.Ordinal)],
            "anomalies" => [.. all.OrderByDescending(h => h.Anomalies1h).ThenByDescending(h => h.Score1h).ThenBy(h => h.Host, StringComparer.Ordinal)],
            _ => [.. all.OrderBy(h => h.Host, StringComparer.Ordinal)],
        };
        return Results.Ok(paging.Of(sorted));
    }

    private static async Task<IResult> DetailAsync(string host, HostQueries hosts, AlertQueries alerts, AnomalyQueries anomalies, CancellationToken cancellationToken)
    {
        var summary = (await hosts.AllAsync(cancellationToken)).FirstOrDefault(h => h.Host == host);
        var series = await hosts.SeriesAsync(host, cancellationToken);
        if (summary is null && series.Count == 0)
        {
            return ApiProblems.NotFound($"No host '{host}' in ClickHouse (no metric window in the last 7 days, no anomaly in the last hour).");
        }

        var active = await alerts.ActiveAsync(host, cancellationToken);
        var recent = await anomalies.RecentAsync(host, 20, cancellationToken);
        return Results.Ok(new HostDetail(
            host,
            summary?.Tags ?? new Dictionary<string, string>(),
            summary?.LastSeen,
            summary?.Health ?? "unknown",
            series,
            active,
            recent));
    }

    private static async Task<IResult> MetricsAsync(string host, string? series, DateTimeOffset? from, DateTimeOffset? to, string? step, MetricQueries metrics, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(series))
        {
            errors["series"] = ["required, e.g. cpu.util"];
        }

        var range = TimeRange.Parse(from, to, TimeSpan.FromHours(1), errors);
        var stepSize = TimeRange.ParseStep(step, TimeSpan.FromMinutes(1), errors);
        if (!errors.ContainsKey("from") && (range.To - range.From) / stepSize > MaxPoints)
        {
            errors["step"] = [$"{DurationText.Format(stepSize)} gives more than {MaxPoints} points over the range; use a larger step"];
        }

        if (errors.Count > 0)
        {
            return ApiProblems.Validation(errors);
        }

        var (points, band) = await metrics.RangeAsync(host, series!, range, stepSize, cancellationToken);
        return Results.Ok(new MetricRange(host, series!, DurationText.Format(stepSize), points, band));
    }
}
