using System.Data.Common;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;

namespace Streams.Api.Http;

/// <summary>
/// Under <c>/api/</c>, every error is RFC 7807: a parameter that does not bind (minimal APIs
/// throw <see cref="BadHttpRequestException"/> with ThrowOnBadRequest) and any error status
/// written without a body (405, 415...) get a problem document.
/// </summary>
internal sealed partial class ApiErrorMiddleware(RequestDelegate next, ILogger<ApiErrorMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!context.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal))
        {
            await next(context);
            return;
        }

        try
        {
            await next(context);
        }
        catch (BadHttpRequestException e) when (!context.Response.HasStarted)
        {
            await Results.Problem(e.Message, statusCode: e.StatusCode, title: ReasonPhrases.GetReasonPhrase(e.StatusCode)).ExecuteAsync(context);
            return;
        }
        catch (DbException e) when (!context.Response.HasStarted)
        {
            // ClickHouse answered with an error, or could not be reached.
            LogClickHouseFailed(context.Request.Path, e.Message);
            await Results.Problem(e.Message, statusCode: StatusCodes.Status502BadGateway, title: "ClickHouse failed").ExecuteAsync(context);
            return;
        }
        catch (HttpRequestException e) when (!context.Response.HasStarted)
        {
            LogClickHouseFailed(context.Request.Path, e.Message);
            await Results.Problem(e.Message, statusCode: StatusCodes.Status503ServiceUnavailable, title: "ClickHouse unreachable").ExecuteAsync(context);
            return;
        }

        var response = context.Response;
        if (response.StatusCode >= 400 && !response.HasStarted && response.ContentLength is null && string.IsNullOrEmpty(response.ContentType))
        {
            await Results.Problem(statusCode: response.StatusCode, title: ReasonPhrases.GetReasonPhrase(response.StatusCode)).ExecuteAsync(context);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "API {Path}: ClickHouse failed: {Reason}")]
    private partial void LogClickHouseFailed(string path, string reason);
}
