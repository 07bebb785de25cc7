using System.Data.Common;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Streams.Api.Contracts;
using Streams.Api.Data;
using Streams.Api.Http;

namespace Streams.Api.Endpoints;

internal static class SqlEndpoints
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/sql", RunAsync).WithTags("sql").Produces<SqlResult>().ProducesValidationProblem()
            .WithSummary("Read-only SQL for analysts")
            .WithDescription("Body { query }: one SELECT, WITH, SHOW or DESCRIBE statement (no SETTINGS, FORMAT or INTO, and no function that reaches outside the database: file, url, s3, remote, mysql, executable, ...), run with max_execution_time=10 s and at most 10,000 rows (truncated says the limit cut the result). Tables: metrics_raw, metrics_1m, metrics_1h, metric_windows, logs, anomalies, alerts, notifications.");

    private static async Task<IResult> RunAsync(HttpContext context, SqlRunner runner, CancellationToken cancellationToken)
    {
        var (request, problem) = await ApiJson.ReadAsync<SqlRequest>(context);
        if (problem is not null)
        {
            return problem;
        }

        var (statement, error) = SqlGuard.Check(request!.Query);
        if (error is not null)
        {
            return ApiProblems.Validation([error]);
        }

        try
        {
            return Results.Ok(await runner.RunAsync(statement!, cancellationToken));
        }
        catch (DbException e)
        {
            return Results.Problem(e.Message, statusCode: StatusCodes.Status400BadRequest, title: "ClickHouse refused the query");
        }
    }
}
