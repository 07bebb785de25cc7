using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Streams.Api.Contracts;
using Streams.Api.Data;
using Streams.Api.Http;

namespace Streams.Api.Endpoints;

internal static class AnomalyEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/anomalies", ListAsync).WithTags("anomalies").Produces<Paged<AnomalyView>>().ProducesValidationProblem()
            .WithSummary("List anomalies")
            .WithDescription("Anomalies newest first, with their explanation: score against the model's threshold, severity, model and version, and the contributing series (share of the score, observed and expected value). Filters: host, series, minSeverity (info, warning, major, critical), from/to (default the last hour).");
        api.MapGet("/anomalies/{id}", FindAsync).WithTags("anomalies").Produces<AnomalyView>().ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("One anomaly")
            .WithDescription("An anomaly by its id (stable across re-scoring).");
    }

    private static async Task<IResult> ListAsync(AnomalyQueries anomalies, string? host, string? series, string? minSeverity, DateTimeOffset? from, DateTimeOffset? to, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var paging = Paging.Parse(page, pageSize, errors);
        var range = TimeRange.Parse(from, to, TimeSpan.FromHours(1), errors);
        var rank = SeverityText.ParseMinimum(minSeverity, errors);
        return errors.Count > 0
            ? ApiProblems.Validation(errors)
            : Results.Ok(await anomalies.ListAsync(host, series, rank, range, paging, cancellationToken));
    }

    private static async Task<IResult> FindAsync(string id, AnomalyQueries anomalies, CancellationToken cancellationToken) =>
        await anomalies.FindAsync(id, cancellationToken) is { } anomaly ? Results.Ok(anomaly) : ApiProblems.NotFound($"No anomaly '{id}'.");
}
