using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Streams.Api.Auth;

/// <summary>
/// Authenticates <c>Authorization: Bearer &lt;key&gt;</c>, <c>X-Api-Key</c>, or, on the WebSocket
/// route only, <c>?access_token=</c> (browsers cannot set headers on a WebSocket). With
/// <c>Api:Auth:Enabled=false</c> every caller is an admin. Failures answer in RFC 7807.
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiKeyStore keys,
    IOptions<StreamsApiOptions> api) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string KeyIdClaim = "streams:key_id";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!api.Value.Auth.Enabled)
        {
            return Task.FromResult(Success("anonymous", "anonymous", ApiRoles.Admin));
        }

        var key = PresentedKey();
        if (key is null)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        return Task.FromResult(keys.Find(key) is { } record
            ? Success(record.Id, record.Name, record.Role)
            : AuthenticateResult.Fail("unknown API key"));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        Results.Problem(
            PresentedKey() is null
                ? "An API key is required: send 'Authorization: Bearer <key>' or 'X-Api-Key: <key>'."
                : "The API key is not known (deleted, or mistyped).",
            statusCode: StatusCodes.Status401Unauthorized,
            title: "Unauthorized").ExecuteAsync(Context);

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Results.Problem(
            $"The key's role '{Context.User.FindFirstValue(ClaimTypes.Role)}' may not do this.",
            statusCode: StatusCodes.Status403Forbidden,
            title: "Forbidden").ExecuteAsync(Context);

    private static AuthenticateResult Success(string id, string name, string role)
    {
        var identity = new ClaimsIdentity(
            [new Claim(KeyIdClaim, id), new Claim(ClaimTypes.Name, name), new Claim(ClaimTypes.Role, role)],
            SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    private string? PresentedKey()
    {
        var authorization = Request.Headers[HeaderNames.Authorization].ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return authorization["Bearer ".Length..].Trim();
        }

        if (Request.Headers["X-Api-Key"].ToString() is { Length: > 0 } header)
        {
            return header.Trim();
        }

        return Request.Path.StartsWithSegments("/api/live", StringComparison.Ordinal) && Request.Query["access_token"].ToString() is { Length: > 0 } token
            ? token
            : null;
    }
}
