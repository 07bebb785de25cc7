using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Streams.Platform.SchemaRegistry.Registry;

namespace Streams.Platform.SchemaRegistry.Http;

/// <summary>Request parsing, responses and errors in Confluent Schema Registry's wire conventions.</summary>
internal static class RegistryHttp
{
    public const string ContentType = "application/vnd.schemaregistry.v1+json";

    // Real Avro schemas are a few KiB; the cap bounds what one bad client can make the
    // registry buffer.
    private const int MaxBodyBytes = 8 * 1024 * 1024;

    /// <summary>Answers refused requests and unknown routes with Confluent's error JSON; the server goes on serving.</summary>
    public static async Task HandleErrorsAsync(HttpContext context, RequestDelegate next, ILogger logger)
    {
        try
        {
            await next(context);
            if (context.Response.StatusCode is 404 or 405 && !context.Response.HasStarted && context.Response.ContentType is null)
            {
                var status = context.Response.StatusCode;
                var message = status == 404 ? "HTTP 404 Not Found" : "HTTP 405 Method Not Allowed";
                logger.LogDebug("Schema registry: {Method} {Path} -> {Status}", context.Request.Method, context.Request.Path, status);
                await WriteErrorAsync(context, status, status, message);
            }
        }
        catch (RegistryException e) when (!context.Response.HasStarted)
        {
            if (e.Status >= 500)
            {
                logger.LogError(e, "Schema registry failed on {Method} {Path}", context.Request.Method, context.Request.Path);
            }

            await WriteErrorAsync(context, e.Status, e.ErrorCode, e.Message);
        }
        catch (Exception e) when (!context.Response.HasStarted && e is not OperationCanceledException)
        {
            logger.LogError(e, "Schema registry failed on {Method} {Path}", context.Request.Method, context.Request.Path);
            await WriteErrorAsync(context, 500, 50001, $"Error in the schema registry: {e.Message}");
        }
    }

    public static Task WriteAsync(HttpContext context, JsonNode? body, int status = StatusCodes.Status200OK)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = ContentType;
        return context.Response.WriteAsync(body?.ToJsonString(RegistryJson.Options) ?? "null", Encoding.UTF8, context.RequestAborted);
    }

    /// <summary>The request body as a JSON object; 400 with the parser's reason when it is not one.</summary>
    public static async Task<JsonObject> ReadObjectAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                throw new RegistryException(413, 413, $"Request body is larger than {MaxBodyBytes} bytes.");
            }

            buffer.Write(chunk, 0, read);
        }

        if (buffer.Length == 0)
        {
            throw RegistryException.BadRequest("Request body is empty; a JSON object is required.");
        }

        try
        {
            return JsonNode.Parse(buffer.ToArray()) as JsonObject
                ?? throw RegistryException.BadRequest("Request body must be a JSON object.");
        }
        catch (JsonException e)
        {
            throw RegistryException.BadRequest($"Malformed JSON request body: {e.Message}");
        }
    }

    /// <summary>A string member of the body; 422 when it has another JSON type.</summary>
    public static string? StringMember(JsonObject body, string name)
    {
        var node = body[name];
        if (node is null)
        {
            return null;
        }

        return node is JsonValue value && value.TryGetValue<string>(out var text)
            ? text
            : throw new RegistryException(422, 422, $"Field '{name}' must be a string.");
    }

    /// <summary>A boolean query parameter (absent = false); 400 when it is neither true nor false.</summary>
    public static bool Flag(HttpContext context, string name)
    {
        var raw = context.Request.Query[name].ToString();
        if (raw.Length == 0)
        {
            return false;
        }

        return bool.TryParse(raw, out var value)
            ? value
            : throw RegistryException.BadRequest($"Query parameter '{name}' must be true or false, not '{raw}'.");
    }

    public static string Route(HttpContext context, string name) =>
        context.Request.RouteValues[name] as string ?? throw RegistryException.BadRequest($"Missing route value '{name}'.");

    private static Task WriteErrorAsync(HttpContext context, int status, int errorCode, string message)
    {
        context.Response.Clear();
        return WriteAsync(context, new JsonObject { ["error_code"] = errorCode, ["message"] = message }, status);
    }
}
