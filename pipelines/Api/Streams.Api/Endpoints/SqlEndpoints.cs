using System.Data.Common;
using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Streams.Api.Auth;
using Streams.Api.Contracts;
using Streams.Api.Data;
using Streams.Api.Http;

namespace Streams.Api.Endpoints;

internal static class SqlEndpoints
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/sql", RunAsync).WithTags("sql").RequireAuthorization(ApiRoles.Admin)
            .Produces<SqlResult>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status429TooManyRequests)
            .WithSummary("Read-only SQL for analysts (admin keys)")
            .WithDescription("Body { query }: one SELECT, WITH, SHOW TABLES or DESCRIBE statement over the Streams tables (metrics_raw, metrics_1m, metrics_1h, metric_windows, logs, anomalies, alerts, notifications) and the system tables that describe them. ClickHouse parses it and every function, table function and table it names must be on the allowlist (pure computation; nothing that reads files, URLs, other servers, dictionaries or the server's settings); a refused name is named in the 400 problem. Runs read-only with max_execution_time 10 s, max_rows_to_read 500 M, max_memory_usage 1 GiB, one thread, at most 10,000 rows (truncated says the limit cut the result; Api:Sql sets the limits); one running query per key (429 while one runs).");

    private static async Task<IResult> RunAsync(HttpContext context, SqlRunner runner, SqlQueryGate gate, CancellationToken cancellationToken)
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

        using var lease = gate.TryEnter(context.User.FindFirstValue(ApiKeyAuthenticationHandler.KeyIdClaim) ?? string.Empty);
        if (lease is null)
        {
            return Results.Problem("Another query with this API key is still running; one runs at a time per key.", statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests");
        }

        try
        {
            if (await runner.CheckAsync(statement!, cancellationToken) is { } refused)
            {
                return ApiProblems.Validation([refused]);
            }

            return Results.Ok(await runner.RunAsync(statement!, cancellationToken));
        }
        catch (DbException e)
        {
            return Results.Problem(e.Message, statusCode: StatusCodes.Status400BadRequest, title: "ClickHouse refused the query");
        }
    }
}
