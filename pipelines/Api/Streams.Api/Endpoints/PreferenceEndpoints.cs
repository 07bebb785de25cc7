using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Streams.Alerting.Config;
using Streams.Alerting.Notifications;
using Streams.Api.Auth;
using Streams.Api.Config;
using Streams.Api.Contracts;
using Streams.Api.Http;
using Streams.Notifier;

namespace Streams.Api.Endpoints;

internal static class PreferenceEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/preferences", List).WithTags("preferences").Produces<Paged<PreferenceView>>()
            .WithSummary("List notification preferences")
            .WithDescription("Who is notified of what, how and when: the documents stored under preference:<id> in alert-rules.");
        api.MapGet("/preferences/{id}", Find).WithTags("preferences").Produces<PreferenceView>().ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("One notification preference");
        api.MapPut("/preferences/{id}", PutAsync).WithTags("preferences").RequireAuthorization(ApiRoles.Admin)
            .Produces<PreferenceView>().ProducesValidationProblem()
            .WithSummary("Create or replace a preference (admin)")
            .WithDescription("Body: { name, user | team, channels: [{ type: email|sms|slack|webhook|alertmanager|web_push|dashboard, ... }], minSeverity, quietHours, matchers, escalationLevel, groupBy, groupWait, groupInterval, repeatInterval, notifyResolved, notifyAcknowledged, enabled }. 400 lists every problem by path.");
        api.MapDelete("/preferences/{id}", DeleteAsync).WithTags("preferences").RequireAuthorization(ApiRoles.Admin)
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Delete a preference (admin)");
    }

    private static IResult List(ApiConfig config, int? page, int? pageSize)
    {
        var errors = new Dictionary<string, string[]>();
        var paging = Paging.Parse(page, pageSize, errors);
        return errors.Count > 0
            ? ApiProblems.Validation(errors)
            : Results.Ok(paging.Of([.. config.Preferences.All.Select(p => View(p.Key, p.Value))]));
    }

    private static IResult Find(string id, ApiConfig config) =>
        config.Preferences.Find(id) is { } document ? Results.Ok(View(id, document)) : ApiProblems.NotFound($"No preference '{id}'.");

    private static async Task<IResult> PutAsync(string id, HttpContext context, ApiConfig config, IConfiguration configuration, CancellationToken cancellationToken)
    {
        var (text, problem) = await ApiJson.ReadTextAsync(context);
        if (problem is not null)
        {
            return problem;
        }

        // The notifier's target policy as this process is configured (the same settings under
        // streams up): literal addresses it would refuse fail here, by field, rather than at send time.
        var targets = (configuration.GetSection(NotifierTargetsOptions.SectionPath).Get<NotifierTargetsOptions>() ?? new NotifierTargetsOptions()).ToPolicy();
        var errors = PreferenceValidator.Validate(id, text!, targets);
        if (errors.Count > 0)
        {
            return ApiProblems.Validation(errors);
        }

        await config.ProduceAsync(AlertConfigKey.Preference(id), Encoding.UTF8.GetBytes(text!), cancellationToken);
        return Results.Ok(View(id, text!));
    }

    private static async Task<IResult> DeleteAsync(string id, ApiConfig config, CancellationToken cancellationToken)
    {
        if (config.Preferences.Find(id) is null)
        {
            return ApiProblems.NotFound($"No preference '{id}'.");
        }

        await config.ProduceAsync(AlertConfigKey.Preference(id), null, cancellationToken);
        return Results.NoContent();
    }

    private static PreferenceView View(string id, string document)
    {
        try
        {
            return new PreferenceView(id, JsonNode.Parse(document));
        }
        catch (System.Text.Json.JsonException)
        {
            // Written by hand into the topic: shown as the text it is.
            return new PreferenceView(id, JsonValue.Create(document));
        }
    }
}
