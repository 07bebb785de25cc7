using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Streams.Api.Auth;
using Streams.Api.Contracts;
using Streams.Api.Http;

namespace Streams.Api.Endpoints;

internal static class KeyEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var keys = api.MapGroup("/keys").WithTags("keys").RequireAuthorization(ApiRoles.Admin);
        keys.MapGet("/", List).Produces<Paged<KeyView>>()
            .WithSummary("List API keys (admin)")
            .WithDescription("Id, name, role and creation time of every key; the keys themselves are not stored (only their SHA-256).");
        keys.MapPost("/", CreateAsync).Produces<KeyCreated>(StatusCodes.Status201Created).ProducesValidationProblem()
            .WithSummary("Create an API key (admin)")
            .WithDescription("Body { name, role: viewer|operator|admin }. The key is in the answer and nowhere else: store it.");
        keys.MapDelete("/{id}", DeleteAsync).Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Delete an API key (admin)")
            .WithDescription("Revokes the key on every API instance; answers once the revocation is stored.");
    }

    private static IResult List(ApiKeyStore store, int? page, int? pageSize)
    {
        var errors = new Dictionary<string, string[]>();
        var paging = Paging.Parse(page, pageSize, errors);
        return errors.Count > 0
            ? ApiProblems.Validation(errors)
            : Results.Ok(paging.Of([.. store.All.Select(k => new KeyView(k.Id, k.Name, k.Role, k.CreatedAt))]));
    }

    private static async Task<IResult> CreateAsync(HttpContext context, ApiKeyStore store)
    {
        var (request, problem) = await ApiJson.ReadAsync<KeyRequest>(context);
        if (problem is not null)
        {
            return problem;
        }

        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request!.Name) || request.Name.Length > 100)
        {
            errors["name"] = ["required, at most 100 characters"];
        }

        if (!ApiRoles.IsKnown(request.Role))
        {
            errors["role"] = [$"'{request.Role}' is not one of {string.Join(", ", ApiRoles.All)}"];
        }

        if (errors.Count > 0)
        {
            return ApiProblems.Validation(errors);
        }

        var (record, key) = await store.CreateAsync(request.Name!, request.Role!, context.RequestAborted);
        return Results.Created($"/api/keys/{record.Id}", new KeyCreated(record.Id, key, record.Name, record.Role));
    }

    private static async Task<IResult> DeleteAsync(string id, ApiKeyStore store, CancellationToken cancellationToken) =>
        await store.DeleteAsync(id, cancellationToken) ? Results.NoContent() : ApiProblems.NotFound($"No key '{id}'.");
}
