using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using System.Text.RegularExpressions;
using Streams.Alerting.Rules;
using Streams.Api.Capacity;
using Streams.Api.Contracts;
using Streams.Api.Data;
using Streams.Api.Http;

namespace Streams.Api.Endpoints;

internal static partial class ForecastEndpoints
{
    /// <summary>A fleet of 10,000 hosts with the default resources has ~80,000 series: the capacity view pages them.</summary>
    public const int MaxPageSize = 10_000;

    private static readonly string[] Sorts = ["expected", "earliest"];

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/capacity", CapacityAsync).WithTags("forecasts").Produces<Paged<CapacityItem>>().ProducesValidationProblem()
            .WithSummary("Hosts and resources ranked by time to exhaustion")
            .WithDescription("The latest forecast (last 2 days) of every resource series the forecaster forecasts (filesystems, inodes, memory, swap, CPU by default), soonest to run out first: sort=expected (default) ranks by when the expected value reaches the limit, sort=earliest by when the band's bound on the limit's side does (upper for a rising resource); series that reach it not within the horizon come last. Each item has the three times (null: not within the horizon), the model, the band's nominal coverage and a summary such as 'reaches 1 in 2d4h (between 1d20h and 2d11h)' (limits are in normalised units: a percentage is a ratio, 1 is full). Filters: host, metric, within (a duration such as 24h or 7d: only series whose earliest time falls within it). pageSize up to 10,000.");
        api.MapGet("/capacity/headroom", HeadroomAsync).WithTags("forecasts").Produces<HeadroomReport>().ProducesValidationProblem()
            .WithSummary("The fleet's headroom per tag value")
            .WithDescription("The latest forecasts (as /api/capacity) grouped by the value of a series tag, 'by' (default role; any tag key such as dc or mount; series without the tag form the group with value null), and metric: how many series and hosts, how many of the series are expected to reach their limit within 24 hours and within 7 days, the median share of the limit still free (rising resources with a positive limit; null when none) and the median expected time to exhaustion (series beyond the horizon count as later than any; null: the median is beyond it). Most at risk first. Filter: metric.");
        api.MapGet("/hosts/{host}/forecast", HostAsync).WithTags("forecasts").Produces<HostForecast>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("A host's forecast of one metric")
            .WithDescription("The latest forecast (last 2 days) of each series of the metric on the host (each mount of fs.used.percent, say): the points ahead (t, expected, lower, upper) at the forecast's step, the model (LINEAR, DAMPED_TREND, HOLT_WINTERS with its season in steps), the one-step residual sigma the band comes from, and the time to exhaustion. metric is required; 404 when the host has no forecast of it.");
    }

    private static async Task<IResult> CapacityAsync(ForecastQueries forecasts, string? host, string? metric, string? within, string? sort, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var paging = Paging.Parse(page, pageSize, MaxPageSize, errors);
        if (sort is not null && !Sorts.Contains(sort))
        {
            errors["sort"] = [$"'{sort}' is not one of {string.Join(", ", Sorts)}"];
        }

        TimeSpan? horizon = null;
        if (within is not null)
        {
            if (DurationText.TryParse(within, out var parsed) && parsed > TimeSpan.Zero)
            {
                horizon = parsed;
            }
            else
            {
                errors["within"] = [$"'{within}' is not a positive duration such as 24h or 7d"];
            }
        }

        if (errors.Count > 0)
        {
            return ApiProblems.Validation(errors);
        }

        var items = await forecasts.CapacityAsync(host, metric, cancellationToken);
        Func<CapacityItem, DateTimeOffset?> key = sort == "earliest" ? i => i.ExhaustionEarliest : i => i.ExhaustionExpected;
        var deadline = DateTimeOffset.UtcNow + horizon;
        IReadOnlyCollection<CapacityItem> ranked =
        [
            .. items
                .Where(i => deadline is null || i.ExhaustionEarliest <= deadline)
                .OrderBy(i => key(i) ?? DateTimeOffset.MaxValue)
                .ThenBy(i => i.ExhaustionEarliest ?? DateTimeOffset.MaxValue)
                .ThenBy(i => i.Host, StringComparer.Ordinal)
                .ThenBy(i => i.Series, StringComparer.Ordinal),
        ];
        return Results.Ok(paging.Of(ranked));
    }

    private static async Task<IResult> HeadroomAsync(ForecastQueries forecasts, string? by, string? metric, CancellationToken cancellationToken)
    {
        by ??= "role";
        if (!TagKey().IsMatch(by))
        {
            return ApiProblems.Validation(new Dictionary<string, string[]> { ["by"] = [$"'{by}' is not a tag key (letters, digits, '_', '.', '-', at most 64, such as role or dc)"] });
        }

        var items = await forecasts.CapacityAsync(null, metric, cancellationToken);
        return Results.Ok(Headroom.Aggregate(items, by, DateTimeOffset.UtcNow));
    }

    private static async Task<IResult> HostAsync(string host, string? metric, ForecastQueries forecasts, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(metric))
        {
            return ApiProblems.Validation(new Dictionary<string, string[]> { ["metric"] = ["required, e.g. fs.used.percent"] });
        }

        var series = await forecasts.HostAsync(host, metric, cancellationToken);
        return series.Count == 0
            ? ApiProblems.NotFound($"No forecast of '{metric}' for host '{host}' in the last 2 days (the forecaster forecasts its configured resources once there are two hours of history).")
            : Results.Ok(new HostForecast(host, metric, series));
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_.-]{0,63}$")]
    private static partial Regex TagKey();
}
