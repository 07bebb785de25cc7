using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Streams.Api.Contracts;
using Streams.Api.Data;
using Streams.Api.Http;

namespace Streams.Api.Endpoints;

internal static class ChangeEndpoints
{
    public const int MaxLimit = 500;

    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/changes", TopAsync).WithTags("anomalies").Produces<List<ChangeView>>().ProducesValidationProblem()
            .WithSummary("What changed")
            .WithDescription("The series that explained the most anomaly score between from and to (default the last hour): the sum of their contribution shares over all anomalies, how many anomalies they appeared in, on which hosts (50 at most), and the highest score. limit: default 20, at most 500.");

    private static async Task<IResult> TopAsync(ChangeQueries changes, DateTimeOffset? from, DateTimeOffset? to, int? limit, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var range = TimeRange.Parse(from, to, TimeSpan.FromHours(1), errors);
        if (limit is < 1 or > MaxLimit)
        {
            errors["limit"] = [$"must be between 1 and {MaxLimit}"];
        }

        return errors.Count > 0 ? ApiProblems.Validation(errors) : Results.Ok(await changes.TopAsync(range, limit ?? 20, cancellationToken));
    }
}
