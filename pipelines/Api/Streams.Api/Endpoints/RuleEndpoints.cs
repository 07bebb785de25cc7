using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Streams.Alerting.Config;
using Streams.Alerting.Rules;
using Streams.Api.Auth;
using Streams.Api.Config;
using Streams.Api.Contracts;
using Streams.Api.Http;
using Streams.Api.Preview;

namespace Streams.Api.Endpoints;

internal static class RuleEndpoints
{
    public const int MaxPreviewHours = 168;

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/rules", List).WithTags("rules").Produces<Paged<AlertRule>>()
            .WithSummary("List alert rules")
            .WithDescription("Every rule in alert-rules, disabled ones included, as RuleJson writes them (camelCase, durations as 5m).");
        api.MapGet("/rules/{id}", Find).WithTags("rules").Produces<AlertRule>().ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("One alert rule");
        api.MapPut("/rules/{id}", PutAsync).WithTags("rules").RequireAuthorization(ApiRoles.Admin)
            .Produces<AlertRule>().ProducesValidationProblem()
            .WithSummary("Create or replace a rule (admin)")
            .WithDescription("Body: the rule (kind threshold, anomaly, noData, log or forecast with the matching condition). The id is the route's; the version is one more than the stored one. 400 lists every validation error by field.");
        api.MapDelete("/rules/{id}", DeleteAsync).WithTags("rules").RequireAuthorization(ApiRoles.Admin)
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Delete a rule (admin)")
            .WithDescription("Its alerts resolve at the alerting role's next tick.");
        api.MapPost("/rules/preview", PreviewAsync).WithTags("rules").Produces<PreviewResult>().ProducesValidationProblem()
            .WithSummary("Preview a rule")
            .WithDescription("How often the rule in the body would have fired over the last 'hours' (default 24, at most 168), per host with each episode's start and end: the rule's inputs read back from ClickHouse and replayed through the alerting role's own evaluator and lifecycle. Threshold, noData and anomaly rules replay metric_windows or anomalies; forecast rules replay the forecaster's records from the forecasts table, each judged at the time it was made (its time to exhaustion counted from then). Log rules are refused (400): log windows are not kept.");
    }

    private static IResult List(ApiConfig config, int? page, int? pageSize)
    {
        var errors = new Dictionary<string, string[]>();
        var paging = Paging.Parse(page, pageSize, errors);
        return errors.Count > 0
            ? ApiProblems.Validation(errors)
            : Results.Json(paging.Of([.. config.Alerting.Rules.All.OrderBy(r => r.Id, StringComparer.Ordinal)]), RuleJson.Options);
    }

    private static IResult Find(string id, ApiConfig config) =>
        config.Alerting.Rules.Find(id) is { } rule ? Results.Json(rule, RuleJson.Options) : ApiProblems.NotFound($"No rule '{id}'.");

    private static async Task<IResult> PutAsync(string id, HttpContext context, ApiConfig config, CancellationToken cancellationToken)
    {
        var (rule, problem) = await ReadRuleAsync(context, id);
        if (problem is not null)
        {
            return problem;
        }

        rule = rule! with { Version = (config.Alerting.Rules.Find(id)?.Version ?? 0) + 1 };
        var errors = await config.Writer.PutRuleAsync(rule, cancellationToken);
        if (errors.Count > 0)
        {
            return ApiProblems.Validation(errors);
        }

        config.Apply(AlertConfigKey.Rule(id), Encoding.UTF8.GetBytes(RuleJson.Serialize(rule)));
        return Results.Json(rule, RuleJson.Options);
    }

    private static async Task<IResult> DeleteAsync(string id, ApiConfig config, CancellationToken cancellationToken)
    {
        if (config.Alerting.Rules.Find(id) is null)
        {
            return ApiProblems.NotFound($"No rule '{id}'.");
        }

        await config.Writer.DeleteRuleAsync(id, cancellationToken);
        config.Apply(AlertConfigKey.Rule(id), null);
        return Results.NoContent();
    }

    private static async Task<IResult> PreviewAsync(HttpContext context, RulePreview preview, int? hours, CancellationToken cancellationToken)
    {
        if (hours is < 1 or > MaxPreviewHours)
        {
            return ApiProblems.Validation(new Dictionary<string, string[]> { ["hours"] = [$"must be between 1 and {MaxPreviewHours}"] });
        }

        var (rule, problem) = await ReadRuleAsync(context, null);
        if (problem is not null)
        {
            return problem;
        }

        var errors = RuleValidator.Validate(rule!);
        if (errors.Count > 0)
        {
            return ApiProblems.Validation(errors);
        }

        return rule!.Kind == RuleKind.Log
            ? ApiProblems.Validation(new Dictionary<string, string[]> { ["kind"] = ["log rules cannot be previewed (log windows are not kept in ClickHouse)"] })
            : Results.Ok(await preview.RunAsync(rule, hours ?? 24, cancellationToken));
    }

    /// <summary>The body as a rule whose id is <paramref name="id"/> (the route's; "preview" for a preview without one).</summary>
    private static async Task<(AlertRule? Rule, IResult? Problem)> ReadRuleAsync(HttpContext context, string? id)
    {
        var (text, problem) = await ApiJson.ReadTextAsync(context);
        if (problem is not null)
        {
            return (null, problem);
        }

        var rule = RuleJson.Parse(text!, out var error);
        if (rule is null)
        {
            return (null, ApiProblems.Validation([error!]));
        }

        if (id is not null && rule.Id.Length > 0 && rule.Id != id)
        {
            return (null, ApiProblems.Validation([$"id: '{rule.Id}' differs from the route's '{id}'"]));
        }

        return (rule with { Id = id ?? (rule.Id.Length > 0 ? rule.Id : "preview") }, null);
    }
}
