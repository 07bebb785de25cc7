using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Streams.Alerting.Config;
using Streams.Alerting.Lifecycle;
using Streams.Alerting.Rules;
using Streams.Api.Auth;
using Streams.Api.Config;
using Streams.Api.Contracts;
using Streams.Api.Data;
using Streams.Api.Http;

using Streams.Api.Live;

namespace Streams.Api.Endpoints;

internal static class AlertEndpoints
{
    private static readonly string[] States = ["firing", "pending", "acknowledged", "silenced", "resolved", "active"];

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/alerts", ListAsync).WithTags("alerts").Produces<Paged<AlertView>>().ProducesValidationProblem()
            .WithSummary("List alerts")
            .WithDescription("The current state of every alert (its latest state change), newest change first. state: firing, pending, acknowledged, silenced, resolved, or active (all but resolved); host: exact host name.");
        api.MapGet("/alerts/{fingerprint}/history", HistoryAsync).WithTags("alerts").Produces<Paged<AlertView>>().ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("An alert's state changes")
            .WithDescription("Every state change of one alert fingerprint, oldest first.");
        api.MapPost("/alerts/{fingerprint}/ack", AcknowledgeAsync).WithTags("alerts").RequireAuthorization(ApiRoles.Operator)
            .Produces(StatusCodes.Status202Accepted).ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Acknowledge an alert (operator)")
            .WithDescription("Records that the key's owner took the alert (body { comment }); the alerting role moves it to ACKNOWLEDGED at its next tick, which is why the answer is 202.");
    }

    private static async Task<IResult> ListAsync(AlertQueries alerts, string? state, string? host, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var paging = Paging.Parse(page, pageSize, errors);
        if (state is not null && !States.Contains(state))
        {
            errors["state"] = [$"'{state}' is not one of {string.Join(", ", States)}"];
        }

        if (errors.Count > 0)
        {
            return ApiProblems.Validation(errors);
        }

        string[] states = state switch
        {
            null => [],
            "active" => AlertQueries.ActiveStates,
            _ => [state.ToUpperInvariant()],
        };
        return Results.Ok(await alerts.ListAsync(states, host, paging, cancellationToken));
    }

    private static async Task<IResult> HistoryAsync(string fingerprint, AlertQueries alerts, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var paging = Paging.Parse(page, pageSize, errors);
        if (errors.Count > 0)
        {
            return ApiProblems.Validation(errors);
        }

        var history = await alerts.HistoryAsync(fingerprint, paging, cancellationToken);
        return history.Total == 0 ? ApiProblems.NotFound($"No alert '{fingerprint}'.") : Results.Ok(history);
    }

    private static async Task<IResult> AcknowledgeAsync(string fingerprint, HttpContext context, AlertQueries alerts, ApiConfig config, LiveHub live, CancellationToken cancellationToken)
    {
        var (request, problem) = await ApiJson.ReadAsync<AckRequest>(context, allowEmpty: true);
        if (problem is not null)
        {
            return problem;
        }

        if (!live.HasSeenAlert(fingerprint) && await alerts.FindAsync(fingerprint, cancellationToken) is null)
        {
            return ApiProblems.NotFound($"No alert '{fingerprint}'.");
        }

        var ack = new Acknowledgement
        {
            Fingerprint = fingerprint,
            By = context.User.FindFirstValue(ClaimTypes.Name) ?? "unknown",
            At = DateTimeOffset.UtcNow,
            Comment = request!.Comment ?? string.Empty,
        };
        await config.Writer.AcknowledgeAsync(ack, cancellationToken);
        config.Apply(AlertConfigKey.Ack(fingerprint), System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(ack, RuleJson.Options));
        return Results.Accepted(value: new { fingerprint, acknowledgedBy = ack.By, at = ack.At });
    }
}
