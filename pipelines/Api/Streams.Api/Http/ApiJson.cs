using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Streams.Api.Http;

/// <summary>
/// Reads request bodies with a size limit and turns malformed JSON into a problem naming the
/// JSON path, instead of minimal APIs' empty 400.
/// </summary>
internal static class ApiJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    /// <summary>The body as text, or a 413/400 problem.</summary>
    public static async Task<(string? Text, IResult? Problem)> ReadTextAsync(HttpContext context, bool allowEmpty = false)
    {
        ArgumentNullException.ThrowIfNull(context);
        var limit = context.RequestServices.GetRequiredService<IOptions<StreamsApiOptions>>().Value.MaxRequestBytes;
        if (context.Request.ContentLength > limit)
        {
            return (null, TooLarge(limit));
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > limit)
            {
                return (null, TooLarge(limit));
            }
        }

        if (buffer.Length == 0)
        {
            return allowEmpty ? ("{}", null) : (null, ApiProblems.BadRequest("The request needs a JSON body."));
        }

        return (Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length), null);
    }

    /// <summary>The body as <typeparamref name="T"/>, or a problem.</summary>
    public static async Task<(T? Value, IResult? Problem)> ReadAsync<T>(HttpContext context, bool allowEmpty = false)
        where T : class
    {
        var (text, problem) = await ReadTextAsync(context, allowEmpty);
        if (problem is not null)
        {
            return (null, problem);
        }

        try
        {
            return JsonSerializer.Deserialize<T>(text!, Options) is { } value
                ? (value, null)
                : (null, ApiProblems.BadRequest("The body is JSON null."));
        }
        catch (JsonException e)
        {
            var field = e.Path is { Length: > 1 } path ? path.TrimStart('$', '.') : "$";
            var message = e.Message.IndexOf(" Path: ", StringComparison.Ordinal) is var cut and > 0 ? e.Message[..cut] : e.Message;
            return (null, ApiProblems.Validation(new Dictionary<string, string[]> { [field] = [message] }));
        }
    }

    private static IResult TooLarge(long limit) =>
        Results.Problem($"The body is larger than {limit} bytes (Api:MaxRequestBytes).", statusCode: StatusCodes.Status413PayloadTooLarge, title: "Payload too large");
}
