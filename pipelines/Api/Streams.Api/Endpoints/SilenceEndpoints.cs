using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Streams.Alerting.Config;
using Streams.Alerting.Rules;
using Streams.Alerting.Silences;
using Streams.Api.Auth;
using Streams.Api.Config;
using Streams.Api.Contracts;
using Streams.Api.Http;

namespace Streams.Api.Endpoints;

internal static class SilenceEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/silences", List).WithTags("silences").Produces<Paged<SilenceView>>()
            .WithSummary("List silences")
            .WithDescription("Every stored silence, with whether it mutes now.");
        api.MapPost("/silences", CreateAsync).WithTags("silences").RequireAuthorization(ApiRoles.Operator)
            .Produces<SilenceView>(StatusCodes.Status201Created).ProducesValidationProblem()
            .WithSummary("Create a silence (operator)")
            .WithDescription("Mutes the alerts all its matchers select (Alertmanager syntax: host=\"web-1\", alertname=~\"Cpu.*\"). One-off: startsAt (default now) and endsAt or duration (2h). Recurring: recurrence { cron (five fields), duration, timeZone (IANA) }.");
        api.MapDelete("/silences/{id}", DeleteAsync).WithTags("silences").RequireAuthorization(ApiRoles.Operator)
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Delete a silence (operator)");
    }

    public static SilenceView ToView(Silence silence, DateTimeOffset now, bool active) => new(
        silence.Id, silence.Matchers, silence.StartsAt, silence.EndsAt,
        silence.Recurrence is { } r ? new SilenceRecurrenceView(r.Cron, DurationText.Format(r.Duration), r.TimeZone) : null,
        silence.CreatedBy, silence.Comment, active);

    private static IResult List(ApiConfig config, int? page, int? pageSize)
    {
        var errors = new Dictionary<string, string[]>();
        var paging = Paging.Parse(page, pageSize, errors);
        if (errors.Count > 0)
        {
            return ApiProblems.Validation(errors);
        }

        var now = DateTimeOffset.UtcNow;
        return Results.Ok(paging.Of([.. config.Alerting.Silences.All
            .OrderBy(s => s.Silence.StartsAt)
            .Select(s => ToView(s.Silence, now, s.IsActiveAt(now)))]));
    }

    private static async Task<IResult> CreateAsync(HttpContext context, ApiConfig config, CancellationToken cancellationToken)
    {
        var (request, problem) = await ApiJson.ReadAsync<SilenceRequest>(context);
        if (problem is not null)
        {
            return problem;
        }

        var errors = new List<string>();
        var startsAt = request!.StartsAt ?? DateTimeOffset.UtcNow;
        var endsAt = request.EndsAt;
        if (request.Duration is { } text)
        {
            if (endsAt is not null)
            {
                errors.Add("duration: give endsAt or duration, not both");
            }
            else if (DurationText.TryParse(text, out var duration) && duration > TimeSpan.Zero)
            {
                endsAt = startsAt + duration;
            }
            else
            {
                errors.Add($"duration: '{text}' is not a duration such as 30m or 2h");
            }
        }

        SilenceRecurrence? recurrence = null;
        if (request.Recurrence is { } r)
        {
            if (!DurationText.TryParse(r.Duration, out var length))
            {
                errors.Add($"recurrence.duration: '{r.Duration}' is not a duration such as 30m or 2h");
            }

            recurrence = new SilenceRecurrence { Cron = r.Cron ?? string.Empty, Duration = length, TimeZone = r.TimeZone ?? "UTC" };
        }

        var silence = new Silence
        {
            Id = Guid.NewGuid().ToString("N")[..12],
            Matchers = request.Matchers ?? [],
            StartsAt = startsAt,
            EndsAt = endsAt,
            Recurrence = recurrence,
            CreatedBy = context.User.FindFirstValue(ClaimTypes.Name) ?? "unknown",
            Comment = request.Comment ?? string.Empty,
        };
        var compiled = ActiveSilence.Compile(silence, out var problems);
        errors.AddRange(problems);
        if (errors.Count > 0 || compiled is null)
        {
            return ApiProblems.Validation(errors);
        }

        await config.Writer.PutSilenceAsync(silence, cancellationToken);
        config.Apply(AlertConfigKey.Silence(silence.Id), JsonSerializer.SerializeToUtf8Bytes(silence, RuleJson.Options));
        var now = DateTimeOffset.UtcNow;
        return Results.Created($"/api/silences/{silence.Id}", ToView(silence, now, compiled.IsActiveAt(now)));
    }

    private static async Task<IResult> DeleteAsync(string id, ApiConfig config, CancellationToken cancellationToken)
    {
        if (!config.Alerting.Silences.All.Any(s => s.Silence.Id == id))
        {
            return ApiProblems.NotFound($"No silence '{id}'.");
        }

        await config.Writer.DeleteSilenceAsync(id, cancellationToken);
        config.Apply(AlertConfigKey.Silence(id), null);
        return Results.NoContent();
    }
}
